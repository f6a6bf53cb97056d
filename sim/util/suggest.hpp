// Pieces of error messages: suggestions for misspelt names, lists of
// alternatives, counts with thousands separators.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace entente {

// " (did you mean 'x'?)" for the closest candidate by edit distance when it
// is a plausible typo (at most a third of the word, or 2 characters, wrong),
// or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
// "a, b or c"
std::string join_alternatives(const std::vector<std::string>& items);
// "10,000"
std::string with_thousands(std::size_t n);

}  // namespace entente
