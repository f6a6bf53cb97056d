// The one CSV quoting rule of every file entente writes (RFC 4180): a field
// that holds a comma, a double quote, a line feed or a carriage return is
// enclosed in double quotes, with each double quote inside doubled; any
// other field is written as it is. Ids are [a-z0-9_] and never need quotes,
// but labels, names and file paths may, and a reader must not have to guess.
#pragma once
#include <string>

namespace entente::analysis {

std::string csv_field(const std::string& text);

}  // namespace entente::analysis
