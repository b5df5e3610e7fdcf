// Content hashes and Ed25519 signatures for tour bundles, through libsodium:
// BLAKE2b-256 per part, and key pairs a branch uses to sign what it packs
// (`openhouse-pack keygen`, `--sign KEY`) and to trust (`--trust PUBKEY`).
//
// Key files are one line of text, so they can be pasted and compared:
//   public:  "openhouse-public-key <base64 of 32 bytes>"
//   secret:  "openhouse-secret-key <base64 of 64 bytes>" (written 0600)
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "core/result.h"

namespace oh::bundle {

using ContentHash = std::array<uint8_t, 32>;
using PublicKey = std::array<uint8_t, 32>;
using SecretKey = std::array<uint8_t, 64>;
using Signature = std::array<uint8_t, 64>;

// Multi-part BLAKE2b-256, for hashing a part as it is written.
class Hasher {
public:
    Hasher();
    void update(std::span<const uint8_t> bytes);
    ContentHash finish();

private:
    alignas(64) uint8_t m_state[384];  // crypto_generichash_state, opaque here
};

ContentHash hashBytes(std::span<const uint8_t> bytes);
// The hash as 64 lowercase hex digits, as inspect and the manifest's readers show it.
std::string hashHex(const ContentHash& hash);

struct KeyPair {
    PublicKey publicKey;
    SecretKey secretKey;
};

KeyPair generateKeyPair();

// Writes NAME.pub and NAME.key beside each other (the secret one readable by
// its owner only). Refuses to overwrite existing keys: a lost secret key
// cannot be remade, and every bundle it signed would no longer verify.
Status writeKeyPair(const KeyPair& keys, const std::filesystem::path& pathWithoutExtension);

Result<PublicKey> readPublicKey(const std::filesystem::path& path);
Result<SecretKey> readSecretKey(const std::filesystem::path& path);

// The public half of a secret key (Ed25519 secret keys carry it).
PublicKey publicKeyOf(const SecretKey& secretKey);

Signature sign(std::span<const uint8_t> message, const SecretKey& secretKey);
bool verify(std::span<const uint8_t> message, const Signature& signature, const PublicKey& publicKey);

// Short printable form for messages: the first 8 bytes of the key in hex.
std::string keyFingerprint(const PublicKey& publicKey);

}  // namespace oh::bundle
