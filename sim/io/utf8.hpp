// UTF-8 validity of input text. A scenario's strings end up in JSON (the
// resolved scenario in every manifest, its hash), and JSON cannot carry
// invalid UTF-8: a file saved as Latin-1 must be an input error with a
// position, not an exception thrown while hashing.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace entente {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed,
// as for JSON); nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// A control character in valid UTF-8 text: C0 (U+0000-U+001F) other than tab
// and line feed, DEL (U+007F) and C1 (U+0080-U+009F). Their only effect in a
// label or a description is on the syntax of whatever shows it (a terminal,
// a CSV file, a chart script), so scenario text may not hold them.
struct ControlCharacter {
  std::size_t offset = 0;  // of its first byte
  std::string name;        // "U+0007"
};
std::optional<ControlCharacter> first_control_character(std::string_view text);

}  // namespace entente
