// result.h - errors as values. Core functions never throw across the wasm
// boundary (the web build compiles with exceptions disabled), so anything that
// can fail returns Result<T> (or Status) carrying a human-readable message.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace duck {

// A failure with a message meant for a person (shown in the UI and logs).
struct Error {
    std::string message;
};

// Either a value or an Error. Deliberately tiny: ok(), value(), error().
template <class T>
class Result {
public:
    Result(T v) : v_(std::move(v)) {}
    Result(Error e) : v_(std::move(e)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

// Result without a value: an empty message means success.
struct Status {
    std::string message;
    bool ok() const { return message.empty(); }
    static Status success() { return {}; }
    static Status fail(std::string m) { return {m.empty() ? std::string("unknown error") : std::move(m)}; }
};

}  // namespace duck
