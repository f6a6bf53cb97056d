// Reading an input file (a scenario, an overlay, an observed history) whole,
// without ever hanging or reading without end (docs/reliability.md):
//  - only a regular file is read: a FIFO without a writer would block the
//    open and the read for ever, and /dev/zero or a terminal never ends;
//  - it is opened with O_NONBLOCK, so even the open of a FIFO returns at once
//    (and is then refused by its type);
//  - at most `limit` + 1 bytes are read, so a file over the limit is found
//    while reading, not after reading all of it; the caller's size check
//    then reports it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace entente {

// The bytes of `path`, at most limit + 1 of them; nullopt with `error` set
// ("cannot open file: No such file or directory", "is a directory, not a
// file", "is not a regular file (a FIFO, device or socket)", "cannot read
// file: ...") when it cannot be read.
std::optional<std::string> read_input_file(const std::string& path, std::size_t limit, std::string& error);

}  // namespace entente
