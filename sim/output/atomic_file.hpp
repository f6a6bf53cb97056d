// Atomic file output: write to a temporary file in the same directory, flush
// it to disk, then rename over the destination. A killed process leaves
// either the old file, the complete new one, or a stray *.tmp, never a
// half-written result under the real name.
#pragma once
#include <string>
#include <string_view>

namespace entente {

// Throws std::runtime_error naming the path on failure.
void write_file_atomic(const std::string& path, std::string_view content);

// Create a directory and its parents; throws std::runtime_error on failure.
void ensure_directory(const std::string& path);

// fsync a directory, so that renames into it are durable ("" is the working
// directory). Best effort: a directory that cannot be opened is skipped.
void sync_directory(const std::string& dir);

}  // namespace entente
