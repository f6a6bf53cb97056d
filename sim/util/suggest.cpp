#include "sim/util/suggest.hpp"

#include <algorithm>

namespace entente {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t best = std::string::npos;
  std::string best_word;
  for (const auto& c : candidates) {
    // A candidate that starts with the word (or the reverse) is a likely
    // abbreviation: "triangle" for "triangular".
    const bool prefix = word.size() >= 4 && (c.rfind(word.substr(0, word.size() - 1), 0) == 0);
    const std::size_t dist = prefix ? 1 : edit_distance(word, c);
    if (dist < best) {
      best = dist;
      best_word = c;
    }
  }
  if (best_word.empty() || best > std::max<std::size_t>(2, word.size() / 3)) return "";
  return " (did you mean '" + best_word + "'?)";
}

std::string join_alternatives(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " or " : ", ";
    out += items[i];
  }
  return out;
}

std::string with_thousands(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

}  // namespace entente
