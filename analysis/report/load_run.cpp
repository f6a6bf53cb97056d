// A `run` directory: summary.json (docs/outputs.md) with one policy.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "analysis/report/report_data.hpp"
#include "sim/output/formats.hpp"

namespace entente::analysis::report {

namespace {

const Json* json_child(const Json& obj, const std::string& key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string json_string_or(const Json* obj, const std::string& key, const std::string& fallback) {
  const Json* j = obj ? json_child(*obj, key) : nullptr;
  return j && j->is_string() ? j->get<std::string>() : fallback;
}

double binomial_se(double p, std::uint64_t n) {
  if (n == 0) return 0;
  return std::sqrt(std::max(0.0, p * (1 - p)) / static_cast<double>(n));
}

}  // namespace

void load_run(const std::string& dir, ReportData& data) {
  data.kind = ReportKind::kRun;
  JsonFile f((std::filesystem::path(dir) / "summary.json").string(), kSummaryFormat,
             "manifest.json says 'run', whose results are in summary.json (rerun 'entente run ... --out " + dir +
                 "')");
  const Json& root = f.root();
  data.years = f.numbers(root, "years", "", 0);
  if (data.years.empty()) f.fail("years", "is empty");
  const std::size_t n = data.years.size();
  data.runs = f.count(root, "runs", "");

  // The scenario's description and outcome flags live in the manifest's resolved scenario.
  const Json* resolved = json_child(data.manifest, "resolved_scenario");
  data.description = json_string_or(resolved, "description", "");
  const Json* resolved_outcomes = resolved ? json_child(*resolved, "outcomes") : nullptr;
  const Json* resolved_policies = resolved ? json_child(*resolved, "policies") : nullptr;

  const std::string policy = f.string_or(root, "policy", "", "");
  PolicyInfo p;
  p.id = policy.empty() ? "scenario" : policy;
  p.label = p.id;
  if (policy.empty()) {
    p.description = "The scenario file's own lever settings (no --policy).";
  } else {
    const Json* pj = resolved_policies ? json_child(*resolved_policies, policy) : nullptr;
    p.description = json_string_or(pj, "description", "");
    p.source = json_string_or(pj, "source", "");
    p.label = json_string_or(pj, "label", p.id);
    if (p.label.empty()) p.label = p.id;
  }
  data.reference = p.id;
  data.policies.push_back(p);

  const Json& outcomes = f.array(root, "outcomes", "");
  if (outcomes.empty()) f.fail("outcomes", "is empty");
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const std::string at = item_path("outcomes", i);
    const Json& oj = outcomes[i];
    OutcomeInfo o;
    o.id = f.string(oj, "id", at);
    o.label = f.string_or(oj, "label", at, o.id);
    if (o.label.empty()) o.label = o.id;
    o.unit = f.string_or(oj, "unit", at, "");
    o.direction = f.string_or(oj, "direction", at, "neutral");
    const Json* ro = resolved_outcomes ? json_child(*resolved_outcomes, o.id) : nullptr;
    const Json* headline = ro ? json_child(*ro, "headline") : nullptr;
    o.headline = headline && headline->is_boolean() && headline->get<bool>();
    Bands b;
    b.mean = f.numbers(oj, "mean", at, n);
    b.p05 = f.numbers(oj, "p05", at, n);
    b.p25 = f.numbers(oj, "p25", at, n);
    b.p50 = f.numbers(oj, "p50", at, n);
    b.p75 = f.numbers(oj, "p75", at, n);
    b.p95 = f.numbers(oj, "p95", at, n);
    data.summaries[p.id][o.id] = std::move(b);
    if (const Json* ths = f.find(oj, "thresholds", at)) {
      if (!ths->is_array()) f.fail(field_path(at, "thresholds"), "expected an array");
      for (std::size_t t = 0; t < ths->size(); ++t) {
        const std::string tat = item_path(field_path(at, "thresholds"), t);
        const Json& tj = (*ths)[t];
        Threshold th;
        th.policy = p.id;
        th.outcome = o.id;
        th.label = f.string(tj, "label", tat);
        th.op = f.string(tj, "op", tat);
        th.value = f.number(tj, "value", tat);
        th.p_at = f.numbers(tj, "p_at", tat, n);
        th.p_by = f.numbers(tj, "p_by", tat, n);
        for (double q : th.p_at) th.se_at.push_back(binomial_se(q, data.runs));
        for (double q : th.p_by) th.se_by.push_back(binomial_se(q, data.runs));
        data.thresholds.push_back(std::move(th));
      }
    }
    data.outcomes.push_back(std::move(o));
  }

  // Start, middle and end year, as in the terminal table.
  const std::size_t last = n - 1;
  for (std::size_t s : {std::size_t{0}, last / 2, last})
    if (data.report_years.empty() || data.report_years.back() != data.years[s]) data.report_years.push_back(data.years[s]);
}

}  // namespace entente::analysis::report
