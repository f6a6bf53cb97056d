#include "sim/io/diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace entente {

std::string Diagnostic::format() const {
  std::string out = where.file;
  if (where.line > 0) {
    out += ":" + std::to_string(where.line);
    if (where.column > 0) out += ":" + std::to_string(where.column);
  }
  out += ": error: " + message;
  return out;
}

void Diagnostics::error(const SourceLocation& where, std::string message) {
  list_.push_back({where, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = list_;
  auto key = [](const Diagnostic& d) {
    return std::tie(d.where.file, d.where.line, d.where.column, d.message);
  };
  std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  out.erase(std::unique(out.begin(), out.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); }),
            out.end());
  return out;
}

void Diagnostics::throw_if_any() const {
  if (!list_.empty()) throw ScenarioError(sorted());
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += "\n";
    s += d.format();
  }
  return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : InputError(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace entente
