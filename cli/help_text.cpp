#include "cli/help_text.hpp"

#include <cctype>
#include <sstream>
#include <vector>

namespace entente::cli {

std::size_t display_columns(const std::string& s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

namespace {

using Lines = std::vector<std::string>;

std::size_t indent_of(const std::string& line) {
  const std::size_t p = line.find_first_not_of(' ');
  return p == std::string::npos ? line.size() : p;
}

std::string trimmed(const std::string& line) {
  const std::size_t b = line.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return line.substr(b, line.find_last_not_of(' ') - b + 1);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

bool all_fit(const Lines& lines, std::size_t width) {
  for (const auto& l : lines)
    if (display_columns(l) > width) return false;
  return true;
}

// Words of a shell command or a usage line: spaces inside quotes or inside
// [...] (usage only) do not separate.
Lines split_units(const std::string& text, bool brackets) {
  Lines units;
  std::string cur;
  char quote = 0;
  int depth = 0;
  for (char ch : text) {
    if (quote) {
      if (ch == quote) quote = 0;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
    } else if (brackets && ch == '[') {
      ++depth;
    } else if (brackets && ch == ']' && depth > 0) {
      --depth;
    } else if (ch == ' ' && depth == 0) {
      if (!cur.empty()) units.push_back(cur);
      cur.clear();
      continue;
    }
    cur += ch;
  }
  if (!cur.empty()) units.push_back(cur);
  return units;
}

// Greedy fill: `first` prefixes the first line, `rest` the others; `tail` is
// appended to every line but the last (" \" for commands).
Lines fill(const Lines& words, const std::string& first, const std::string& rest, std::size_t width,
           const std::string& tail = "") {
  Lines out;
  std::string line = first;
  bool empty = true;
  for (const auto& w : words) {
    if (!empty && display_columns(line) + 1 + display_columns(w) + display_columns(tail) > width) {
      out.push_back(line + tail);
      line = rest;
      empty = true;
    }
    line += (empty ? "" : " ") + w;
    empty = false;
  }
  out.push_back(line);
  return out;
}

// Words of prose: split at spaces only (an apostrophe is no quote).
Lines words_of(const Lines& lines) {
  Lines words;
  for (const auto& l : lines) {
    std::istringstream in(l);
    for (std::string w; in >> w;) words.push_back(w);
  }
  return words;
}

bool is_command(const std::string& t) { return starts_with(t, "entente ") || starts_with(t, "$ entente "); }

// "  KIND   text": a short term, two or more spaces, then the text; returns the
// text's column, or 0 when the line is no table row.
std::size_t table_column(const std::string& line) {
  const std::size_t ind = indent_of(line);
  if (ind < 2 || ind >= line.size()) return 0;
  const std::size_t gap = line.find("  ", ind);
  if (gap == std::string::npos || gap - ind > 30) return 0;
  const std::size_t text = line.find_first_not_of(' ', gap);
  return text == std::string::npos ? 0 : text;
}

// Where a "#" comment starts outside quotes, or npos.
std::size_t comment_start(const std::string& s) {
  char quote = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (quote) {
      if (ch == quote) quote = 0;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
    } else if (ch == '#' && i > 0 && s[i - 1] == ' ') {
      return i;
    }
  }
  return std::string::npos;
}

Lines fit_usage(const Lines& block, std::size_t width) {
  Lines units;
  for (const auto& l : block)
    for (auto& u : split_units(trimmed(l), true)) units.push_back(std::move(u));
  // The hanging indent sits after "Usage: entente COMMAND [SUBCOMMAND]".
  std::size_t lead = 0, hang = 0;
  while (lead < units.size()) {
    const std::string& u = units[lead];
    const bool word = lead == 0 || (!u.empty() && std::islower(static_cast<unsigned char>(u[0])) &&
                                    u.find_first_of("[-=|.") == std::string::npos);
    if (!word) break;
    hang += u.size() + 1;
    ++lead;
  }
  if (hang > 32) hang = 8;
  std::string first;
  for (std::size_t i = 0; i < lead; ++i) first += (i ? " " : "") + units[i];
  return fill(Lines(units.begin() + static_cast<long>(lead), units.end()), first + " ", std::string(hang, ' '), width);
}

Lines fit_command(const Lines& block, std::size_t width) {
  const std::size_t ind = indent_of(block.front());
  std::string joined;
  for (auto l : block) {
    l = trimmed(l);
    if (!l.empty() && l.back() == '\\') l = trimmed(l.substr(0, l.size() - 1));
    joined += (joined.empty() ? "" : " ") + l;
  }
  std::string comment, gap = "  ";
  if (const std::size_t c = comment_start(joined); c != std::string::npos) {
    comment = joined.substr(c);
    const std::size_t end = joined.find_last_not_of(' ', c - 1);
    gap = std::string(c - end - 1, ' ');
    joined = joined.substr(0, end + 1);
  }
  // An option and its value stay on one line.
  Lines words;
  for (auto& w : split_units(joined, false)) {
    if (!words.empty() && words.back()[0] == '-' && words.back().find(' ') == std::string::npos && w[0] != '-')
      words.back() += " " + w;
    else
      words.push_back(std::move(w));
  }
  Lines out = fill(words, std::string(ind, ' '), std::string(ind + 4, ' '), width, " \\");
  if (comment.empty()) return out;
  if (display_columns(out.back()) + gap.size() + display_columns(comment) <= width) {
    out.back() += gap + comment;
    return out;
  }
  Lines lead = fill(words_of({comment.substr(1)}), std::string(ind, ' ') + "# ", std::string(ind, ' ') + "# ",
                    width);
  lead.insert(lead.end(), out.begin(), out.end());
  return lead;
}

Lines fit_table_row(const Lines& block, std::size_t column, std::size_t width) {
  Lines text{block.front().substr(column)};
  text.insert(text.end(), block.begin() + 1, block.end());
  return fill(words_of(text), block.front().substr(0, column), std::string(column, ' '), width);
}

Lines fit_prose(const Lines& block, std::size_t first_indent, std::size_t rest_indent, std::size_t width) {
  Lines text{block.front().substr(first_indent)};
  text.insert(text.end(), block.begin() + 1, block.end());
  return fill(words_of(text), block.front().substr(0, first_indent), std::string(rest_indent, ' '), width);
}

}  // namespace

std::string fit_help(const std::string& text, std::size_t width) {
  Lines lines;
  {
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  Lines out;
  std::size_t i = 0;
  while (i < lines.size()) {
    const std::string& line = lines[i];
    const std::string t = trimmed(line);
    Lines block{line};
    std::size_t j = i + 1;
    Lines fitted;
    if (t.empty()) {
      fitted = block;
    } else if (starts_with(t, "Usage:")) {
      while (j < lines.size() && indent_of(lines[j]) >= 4 && starts_with(trimmed(lines[j]), "[")) block.push_back(lines[j++]);
      fitted = all_fit(block, width) ? block : fit_usage(block, width);
    } else if (is_command(t)) {
      while (j < lines.size() && !block.back().empty() && block.back().back() == '\\') block.push_back(lines[j++]);
      fitted = all_fit(block, width) ? block : fit_command(block, width);
    } else if (const std::size_t col = table_column(line); col != 0) {
      while (j < lines.size() && indent_of(lines[j]) == col && !trimmed(lines[j]).empty()) block.push_back(lines[j++]);
      fitted = all_fit(block, width) ? block : fit_table_row(block, col, width);
    } else {
      const std::size_t ind = indent_of(line);
      const bool bullet = starts_with(t, "- ") || starts_with(t, "* ");
      const std::size_t rest = bullet ? ind + 2 : ind;
      while (j < lines.size()) {
        const std::string& n = lines[j];
        const std::string nt = trimmed(n);
        if (nt.empty() || indent_of(n) != rest || starts_with(nt, "- ") || starts_with(nt, "* ") || is_command(nt) ||
            starts_with(nt, "Usage:") || table_column(n) != 0)
          break;
        block.push_back(lines[j++]);
      }
      fitted = all_fit(block, width) ? block : fit_prose(block, bullet ? ind + 2 : ind, rest, width);
    }
    out.insert(out.end(), fitted.begin(), fitted.end());
    i = j;
  }
  std::string result;
  for (const auto& l : out) result += l + "\n";
  if (!text.empty() && text.back() != '\n' && !result.empty()) result.pop_back();
  return result;
}

}  // namespace entente::cli
