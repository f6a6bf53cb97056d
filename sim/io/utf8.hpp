// UTF-8 validity of input text. A scenario's strings end up in JSON (the
// resolved scenario in every manifest, its hash), and JSON cannot carry
// invalid UTF-8: a file saved as Latin-1 must be an input error with a
// position, not an exception thrown while hashing.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

namespace entente {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed,
// as for JSON); nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace entente
