// libsodium started once per process, before the first hash, signature or
// random nonce (the bundle's signatures, the control endpoint's requests).
#pragma once

namespace oh {

// Calls sodium_init once, whichever thread asks first. sodium_init fails only
// without an entropy source; nothing that signs, verifies or makes nonces is
// safe then, so the process stops with a message rather than go on.
void initSodium();

}  // namespace oh
