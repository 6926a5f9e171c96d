// malignancy_model.cpp - L2 logistic regression by Newton's method, and the
// asset format of the shipped direction.
#include "core/model/malignancy_model.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace duck {

// The embedded asset (generated from assets/model/duckling-model-v2.json by CMake).
extern const char* const kShippedModelJson;

namespace {

// Solves A x = b for a small symmetric positive-definite A (Cholesky).
std::vector<double> solve_spd(std::vector<double> a, std::vector<double> b, int n) {
    for (int j = 0; j < n; ++j) {
        double d = a[size_t(j) * n + j];
        for (int k = 0; k < j; ++k) d -= a[size_t(j) * n + k] * a[size_t(j) * n + k];
        d = std::sqrt(std::max(d, 1e-12));
        a[size_t(j) * n + j] = d;
        for (int i = j + 1; i < n; ++i) {
            double s = a[size_t(i) * n + j];
            for (int k = 0; k < j; ++k) s -= a[size_t(i) * n + k] * a[size_t(j) * n + k];
            a[size_t(i) * n + j] = s / d;
        }
    }
    for (int i = 0; i < n; ++i) {
        for (int k = 0; k < i; ++k) b[i] -= a[size_t(i) * n + k] * b[k];
        b[i] /= a[size_t(i) * n + i];
    }
    for (int i = n - 1; i >= 0; --i) {
        for (int k = i + 1; k < n; ++k) b[i] -= a[size_t(k) * n + i] * b[k];
        b[i] /= a[size_t(i) * n + i];
    }
    return b;
}

}  // namespace

double MalignancyModel::standardised(float v, int j) const {
    double z = (v - mean[size_t(j)]) / sd[size_t(j)];
    return clip > 0 ? std::clamp(z, -clip, clip) : z;
}

double MalignancyModel::position(const std::vector<float>& x) const {
    double s = 0;
    for (size_t j = 0; j < weight.size() && j < x.size(); ++j) s += weight[j] * standardised(x[j], int(j));
    return s;
}

double MalignancyModel::part(const std::vector<float>& x, int j) const {
    if (j < 0 || size_t(j) >= weight.size() || size_t(j) >= x.size()) return 0;
    return weight[size_t(j)] * standardised(x[size_t(j)], j);
}

MalignancyModel train_malignancy(const std::vector<std::vector<float>>& rows, const std::vector<bool>& melanoma,
                                 const std::vector<FeatureInfo>& info, const MalignancyTraining& opt) {
    MalignancyModel m;
    const int p = int(info.size());
    const size_t n = rows.size();
    if (n == 0 || melanoma.size() != n) return m;
    m.name = "duckling-model-v2";
    for (const auto& f : info) m.keys.push_back(f.key);
    m.mean.assign(p, 0);
    m.sd.assign(p, 0);
    for (const auto& r : rows)
        for (int j = 0; j < p; ++j) m.mean[j] += r[j] / double(n);
    for (const auto& r : rows)
        for (int j = 0; j < p; ++j) m.sd[j] += (r[j] - m.mean[j]) * (r[j] - m.mean[j]) / double(n);
    for (int j = 0; j < p; ++j) m.sd[j] = std::max(std::sqrt(m.sd[j]), 1e-6);
    m.clip = opt.clip;
    // Newton's method on the penalised log-likelihood; parameter q = p is the bias.
    const int q = p + 1;
    std::vector<double> beta(q, 0.0), x(q);
    for (int it = 0; it < opt.iterations; ++it) {
        std::vector<double> grad(q, 0.0), hess(size_t(q) * q, 0.0);
        for (size_t i = 0; i < n; ++i) {
            for (int j = 0; j < p; ++j) x[j] = m.standardised(rows[i][j], j);
            x[p] = 1;
            double eta = 0;
            for (int j = 0; j < q; ++j) eta += beta[j] * x[j];
            double pr = 1 / (1 + std::exp(-eta)), w = std::max(pr * (1 - pr), 1e-9);
            double r = (melanoma[i] ? 1.0 : 0.0) - pr;
            for (int j = 0; j < q; ++j) {
                grad[j] += r * x[j];
                for (int k = 0; k <= j; ++k) hess[size_t(j) * q + k] += w * x[j] * x[k];
            }
        }
        for (int j = 0; j < q; ++j)
            for (int k = 0; k < j; ++k) hess[size_t(k) * q + j] = hess[size_t(j) * q + k];
        for (int j = 0; j < p; ++j) {
            grad[j] -= opt.l2 * beta[j];
            hess[size_t(j) * q + j] += opt.l2;
        }
        hess[size_t(p) * q + p] += 1e-9;
        std::vector<double> step = solve_spd(hess, grad, q);
        double change = 0;
        for (int j = 0; j < q; ++j) {
            beta[j] += step[j];
            change = std::max(change, std::fabs(step[j]));
        }
        if (change < 1e-10) break;
    }
    m.weight.assign(beta.begin(), beta.begin() + p);
    m.bias = beta[p];
    m.context_weight = opt.context_weight;
    return m;
}

Result<MalignancyModel> parse_malignancy_model(std::string_view text, const std::vector<FeatureInfo>& info) {
    auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{"model file is not a JSON object"};
    MalignancyModel m;
    try {
        m.name = j.at("name").get<std::string>();
        m.keys = j.at("keys").get<std::vector<std::string>>();
        m.mean = j.at("mean").get<std::vector<double>>();
        m.sd = j.at("sd").get<std::vector<double>>();
        m.weight = j.at("weight").get<std::vector<double>>();
        m.bias = j.at("bias").get<double>();
        m.context_weight = j.at("context_weight").get<double>();
        m.clip = j.value("clip", 0.0);
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("model file: missing or wrong field (") + e.what() + ")"};
    }
    const size_t p = info.size();
    if (m.keys.size() != p || m.mean.size() != p || m.sd.size() != p || m.weight.size() != p)
        return Error{"model file has " + std::to_string(m.keys.size()) + " features, the extractor " +
                     std::to_string(p)};
    for (size_t k = 0; k < p; ++k) {
        if (m.keys[k] != info[k].key)
            return Error{"model file feature " + std::to_string(k) + " is '" + m.keys[k] + "', the extractor's '" +
                         info[k].key + "'"};
        if (!(m.sd[k] > 0) || !std::isfinite(m.mean[k]) || !std::isfinite(m.weight[k]))
            return Error{"model file: feature '" + m.keys[k] + "' has a non-finite or non-positive value"};
    }
    if (!std::isfinite(m.context_weight) || m.context_weight < 0) return Error{"model file: bad context_weight"};
    if (!std::isfinite(m.clip) || m.clip < 0) return Error{"model file: bad clip"};
    return m;
}

std::string malignancy_model_json(const MalignancyModel& m, const std::string& provenance_json) {
    // Rounded to 6 significant digits: the file stays small and readable, and the
    // model reads back exactly what it writes.
    auto round6 = [](std::vector<double> v) {
        for (double& x : v) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.6g", x);
            x = std::strtod(buf, nullptr);
        }
        return v;
    };
    nlohmann::ordered_json j;
    j["name"] = m.name;
    j["provenance"] = nlohmann::ordered_json::parse(provenance_json, nullptr, false);
    j["keys"] = m.keys;
    j["mean"] = round6(m.mean);
    j["sd"] = round6(m.sd);
    j["weight"] = round6(m.weight);
    j["bias"] = round6({m.bias})[0];
    j["context_weight"] = m.context_weight;
    j["clip"] = m.clip;
    return j.dump(2) + "\n";
}

const MalignancyModel& shipped_malignancy_model() {
    static const MalignancyModel model = [] {
        auto r = parse_malignancy_model(kShippedModelJson, DermFeatureExtractor().features());
        // A malformed asset is a build error in practice (the tests parse it);
        // should one slip through, the score falls back to the context distance.
        return r.ok() ? r.value() : MalignancyModel{};
    }();
    return model;
}

}  // namespace duck
