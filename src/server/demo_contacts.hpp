#pragma once
// Internal: contacts of the demo initiative (grappe demo).
#include <cstdint>

#include "grappe/workspace/database.hpp"

namespace grappe::server {

// One representative per member firm with an invented name and an address at a reserved
// .example domain (RFC 2606: nothing can be delivered there), most in French, a few in
// English, so the contacts page, the mail-merge export and the e-mail preview show real rows.
// Returns how many were added.
int add_demo_representatives(workspace::Database& db, std::int64_t initiative_id);

}  // namespace grappe::server
