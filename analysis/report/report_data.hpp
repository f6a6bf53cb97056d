// What a report shows, read from a result directory: one model for `run`
// directories (one policy, summary.json) and `compare` directories (several
// policies, compare.json). Loading checks everything the report will use, so
// drawing and rendering never meet a malformed input.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/report/json_fields.hpp"

namespace entente::analysis::report {

enum class ReportKind { kRun, kCompare };

struct OutcomeInfo {
  std::string id, label, unit;
  std::string direction = "neutral";  // lower_is_better, higher_is_better, neutral
  bool headline = false;
  std::optional<double> min_effect;  // the scenario's min_effect; absent: 0 (every resolved difference counts)
  bool binary = false;               // 0/1 in every run: its mean is a probability (set by the loader)
  double min_effect_or_zero() const { return min_effect.value_or(0.0); }
};

struct PolicyInfo {
  std::string id, label, description, source;  // label: the id when the scenario gives none
};

// Statistics of one outcome under one policy, one value per year.
struct Bands {
  std::vector<double> mean, p05, p25, p50, p75, p95;
};

// Paired difference policy − reference of one outcome, one value per year.
// p_better is NaN where the outcome has no direction.
struct Difference {
  std::string policy, reference, outcome;
  std::vector<double> mean, median, ci95_lo, ci95_hi, p05, p95, p_better, paired_ci95_width, independent_ci95_width;
  // Shares of runs worse by more than min_effect and within ±min_effect (NaN
  // where the file predates them; p_worse NaN where the outcome is neutral).
  std::vector<double> p_worse, p_no_practical_difference;
};

struct Threshold {
  std::string policy, outcome, label, op;
  double value = 0;
  std::vector<double> p_at, se_at, p_by, se_by;
};

struct RegretEntry {
  std::string policy;
  double mean = 0, p90 = 0;
  std::int64_t rank_mean = 0, rank_p90 = 0;
};

struct Regret {
  std::string outcome;
  double year = 0;
  std::vector<RegretEntry> policies;
};

struct VarianceReduction {
  std::string outcome, policy;
  double year = 0, paired_width = 0, independent_width = 0, ratio = 0;
};

// A file the manifest lists whose bytes no longer match its SHA-256.
struct IntegrityProblem {
  std::string file, problem;
};

struct ReportData {
  ReportKind kind = ReportKind::kRun;
  std::string dir;
  Json manifest;
  std::string scenario_name, description, hash;
  std::uint64_t runs = 0, seed = 0;
  std::vector<double> years;
  std::vector<double> report_years;  // the years of the tables
  std::string reference;             // compare: policy A; run: the one policy
  std::vector<PolicyInfo> policies;  // reference first
  std::vector<OutcomeInfo> outcomes;
  std::map<std::string, std::map<std::string, Bands>> summaries;  // policy → outcome → bands
  std::vector<Difference> differences;
  std::vector<Threshold> thresholds;
  std::vector<Regret> regret;
  std::optional<VarianceReduction> variance_reduction;
  std::vector<std::string> verified_files;  // listed in the manifest, hashes match
  std::vector<IntegrityProblem> integrity_problems;

  const OutcomeInfo* outcome(const std::string& id) const;
  const PolicyInfo* policy(const std::string& id) const;
  const std::string& policy_label(const std::string& id) const;  // the id when unknown
  std::size_t policy_index(const std::string& id) const;  // colour index; policies.size() if unknown
  std::size_t year_index(double year) const;              // years.size() if absent
  std::vector<const OutcomeInfo*> headline_outcomes() const;  // all outcomes when none is marked
};

// Reads DIR/manifest.json and, by its "command", DIR/summary.json or
// DIR/compare.json. Throws ReportInputError.
ReportData load_report_data(const std::string& dir);

// Marks the outcomes whose every summarised value is 0 or 1 (events that
// have happened, category indicators): their mean is a probability.
void mark_binary_outcomes(ReportData& data);

// Implementations per directory kind (load_run.cpp, load_compare.cpp).
void load_run(const std::string& dir, ReportData& data);
void load_compare(const std::string& dir, ReportData& data);

}  // namespace entente::analysis::report
