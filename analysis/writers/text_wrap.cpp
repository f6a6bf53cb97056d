#include "analysis/writers/text_wrap.hpp"

namespace entente::analysis {
namespace {

void wrap_one(const std::string& line, std::size_t width, std::size_t indent, std::string& out) {
  std::string rest = line;
  bool first = true;
  for (;;) {
    const std::size_t lead = first ? 0 : indent;
    if (lead + rest.size() <= width) {
      out += std::string(lead, ' ') + rest;
      return;
    }
    // The last space at which the line still fits; else the first space.
    std::size_t cut = rest.rfind(' ', width - lead);
    if (cut == std::string::npos || cut == 0) cut = rest.find(' ');
    if (cut == std::string::npos) {
      out += std::string(lead, ' ') + rest;
      return;
    }
    out += std::string(lead, ' ') + rest.substr(0, cut) + "\n";
    const std::size_t next = rest.find_first_not_of(' ', cut);
    rest = next == std::string::npos ? "" : rest.substr(next);
    first = false;
    if (rest.empty()) return;
  }
}

}  // namespace

std::string wrap_prose(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    wrap_one(line, width, indent, out);
    if (end == std::string::npos) break;
    out += "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace entente::analysis
