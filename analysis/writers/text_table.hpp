// Aligned columns for terminal tables: the first and last columns
// left-aligned, the others (numbers) right-aligned, two spaces between
// columns, trailing spaces trimmed, and a dashed rule under the header
// (rows[0]).
#pragma once
#include <string>
#include <vector>

namespace entente::analysis {

struct TextTableOptions {
  // A dashed rule, as wide as all columns, before the last row (a total).
  bool rule_before_last = false;
};

// Every row has as many cells as the header; each line ends with "\n".
std::string format_text_table(const std::vector<std::vector<std::string>>& rows, const TextTableOptions& options = {});

}  // namespace entente::analysis
