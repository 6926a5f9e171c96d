// test_main.cpp - doctest runner for the core unit tests and the UI tests.
// CTest runs each TEST_CASE alone by name (doctest_discover_tests, -tc=NAME). A
// name CTest cannot carry (a ';' splits it into two entries) would select no test
// case, and doctest passes an empty selection: such a test ran nothing and
// passed. Here a run whose test-case filter selects nothing fails instead.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <string_view>

namespace {

bool g_run_ended = false;  // stays false for queries (--list-test-cases, --count)
unsigned g_selected = 0;

struct SelectedCount final : doctest::IReporter {
    explicit SelectedCount(const doctest::ContextOptions&) {}
    void report_query(const doctest::QueryData&) override {}
    void test_run_start() override {}
    void test_run_end(const doctest::TestRunStats& s) override {
        g_run_ended = true;
        g_selected = s.numTestCasesPassingFilters;
    }
    void test_case_start(const doctest::TestCaseData&) override {}
    void test_case_reenter(const doctest::TestCaseData&) override {}
    void test_case_end(const doctest::CurrentTestCaseStats&) override {}
    void test_case_exception(const doctest::TestCaseException&) override {}
    void subcase_start(const doctest::SubcaseSignature&) override {}
    void subcase_end() override {}
    void log_assert(const doctest::AssertData&) override {}
    void log_message(const doctest::MessageData&) override {}
    void test_case_skipped(const doctest::TestCaseData&) override {}
};
REGISTER_LISTENER("selected_count", 1, SelectedCount);

bool filters_test_cases(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a.starts_with("-tc=") || a.starts_with("--test-case=") || a.starts_with("-dt-tc=") ||
            a.starts_with("--dt-test-case="))
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int rc = context.run();
    if (context.shouldExit() || rc != 0) return rc;
    if (g_run_ended && g_selected == 0 && filters_test_cases(argc, argv)) {
        std::fprintf(stderr,
                     "no test case matches the test-case filter: nothing ran (a name with ';' "
                     "cannot be selected by CTest)\n");
        return 1;
    }
    return rc;
}
