// The "of interest" condition of scenario discovery (--where "y > 0.6"):
// NAME OP VALUE with OP one of >, >=, <, <=, where NAME is the response's
// name or "y".
#pragma once
#include <string>
#include <vector>

namespace entente::analysis {

struct Condition {
  enum class Op { kGreater, kGreaterEqual, kLess, kLessEqual };
  std::string name;
  Op op = Op::kGreater;
  double value = 0;

  bool holds(double y) const;
  std::string text() const;  // "russia_dependence_on_china > 0.6"
};

// Parses `text`; `response` is the name NAME may take besides "y". Throws
// AnalysisInputError saying what is wrong and showing the expected form.
Condition parse_condition(const std::string& text, const std::string& response);

// holds() at every response.
std::vector<bool> evaluate(const Condition& condition, const std::vector<double>& y);

}  // namespace entente::analysis
