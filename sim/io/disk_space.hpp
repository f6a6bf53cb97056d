// Naming a full disk. Programs that run out of space do not always say so:
// gnuplot exits 0 having written an empty picture, a truncated write can
// surface as "wrote no chart.svg". When an output step fails, the message
// gets this note if the filesystem holding it is (nearly) full, so the user
// reads the cause instead of a symptom.
#pragma once
#include <string>

namespace entente {

// " (no space left on device: DIR has N bytes free)" when the filesystem of
// `dir` has less than `margin_bytes` available to this user; "" otherwise, or
// when it cannot be asked.
std::string disk_full_note(const std::string& dir, unsigned long long margin_bytes = 1ull << 20);

}  // namespace entente
