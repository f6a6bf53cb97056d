#include "cli/mpi_session.hpp"

#include "sim/engine/distributed.hpp"

namespace entente::cli {

MpiSession::MpiSession(int& argc, char**& argv) { distributed::init(argc, argv); }

MpiSession::~MpiSession() { distributed::finalize(); }

}  // namespace entente::cli
