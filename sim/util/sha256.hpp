// SHA-256 (FIPS 180-4), for scenario and file hashes in manifests.
#pragma once
#include <string>
#include <string_view>

namespace entente {

// Lowercase hex digest of the bytes of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace entente
