#include "bundle/signing.h"

#include <cstdio>
#include <fstream>
#include <mutex>
#include <string_view>

#include <sodium.h>

#include "core/sodium_init.h"
#include <sys/stat.h>

#include "core/file_io.h"

namespace oh::bundle {
namespace {

static_assert(sizeof(crypto_generichash_state) <= 384, "Hasher::m_state is too small for libsodium's state");
static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_BYTES == 64);

constexpr std::string_view kPublicPrefix = "openhouse-public-key ";
constexpr std::string_view kSecretPrefix = "openhouse-secret-key ";

std::string toBase64(std::span<const uint8_t> bytes) {
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    text.resize(text.size() - 1);  // the terminating zero
    return text;
}

template <size_t N>
Result<std::array<uint8_t, N>> readKeyFile(const std::filesystem::path& path, std::string_view prefix,
                                           const char* what) {
    auto bytes = readFile(path, 4096);
    if (!bytes) return bytes.error();
    std::string text(bytes->begin(), bytes->end());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    if (text.rfind(prefix, 0) != 0)
        return makeError(displayPath(path) + ": not an OpenHouse " + what + " (expected a line starting '" +
                         std::string(prefix) + "')");
    std::string_view encoded = std::string_view(text).substr(prefix.size());
    std::array<uint8_t, N> key{};
    size_t decoded = 0;
    if (sodium_base642bin(key.data(), key.size(), encoded.data(), encoded.size(), nullptr, &decoded, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        decoded != N)
        return makeError(displayPath(path) + ": the " + what + " is damaged (expected " + std::to_string(N) +
                         " bytes in base64)");
    return key;
}

}  // namespace

Hasher::Hasher() {
    initSodium();
    crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(m_state), nullptr, 0, 32);
}

void Hasher::update(std::span<const uint8_t> bytes) {
    crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(m_state), bytes.data(), bytes.size());
}

ContentHash Hasher::finish() {
    ContentHash hash{};
    crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(m_state), hash.data(), hash.size());
    return hash;
}

ContentHash hashBytes(std::span<const uint8_t> bytes) {
    initSodium();
    ContentHash hash{};
    crypto_generichash(hash.data(), hash.size(), bytes.data(), bytes.size(), nullptr, 0);
    return hash;
}

KeyPair generateKeyPair() {
    initSodium();
    KeyPair keys{};
    crypto_sign_keypair(keys.publicKey.data(), keys.secretKey.data());
    return keys;
}

Status writeKeyPair(const KeyPair& keys, const std::filesystem::path& pathWithoutExtension) {
    std::filesystem::path publicPath = pathWithoutExtension, secretPath = pathWithoutExtension;
    publicPath += ".pub";
    secretPath += ".key";
    for (const auto& path : {publicPath, secretPath})
        if (std::filesystem::exists(path))
            return makeError(displayPath(path) + ": already exists; keys are never overwritten (move it away first)");
    std::string secretLine = std::string(kSecretPrefix) + toBase64(keys.secretKey) + "\n";
    std::string publicLine = std::string(kPublicPrefix) + toBase64(keys.publicKey) + "\n";
    // The secret key is created 0600 from the start, never world-readable in between.
    mode_t previous = ::umask(077);
    Status secretWritten = writeFileAtomic(secretPath, {reinterpret_cast<const uint8_t*>(secretLine.data()),
                                                        secretLine.size()});
    ::umask(previous);
    sodium_memzero(secretLine.data(), secretLine.size());
    OH_TRY(secretWritten);
    return writeFileAtomic(publicPath, {reinterpret_cast<const uint8_t*>(publicLine.data()), publicLine.size()});
}

Result<PublicKey> readPublicKey(const std::filesystem::path& path) {
    return readKeyFile<32>(path, kPublicPrefix, "public key");
}

Result<SecretKey> readSecretKey(const std::filesystem::path& path) {
    return readKeyFile<64>(path, kSecretPrefix, "secret key");
}

PublicKey publicKeyOf(const SecretKey& secretKey) {
    initSodium();
    PublicKey publicKey{};
    crypto_sign_ed25519_sk_to_pk(publicKey.data(), secretKey.data());
    return publicKey;
}

Signature sign(std::span<const uint8_t> message, const SecretKey& secretKey) {
    initSodium();
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secretKey.data());
    return signature;
}

bool verify(std::span<const uint8_t> message, const Signature& signature, const PublicKey& publicKey) {
    initSodium();
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), publicKey.data()) == 0;
}

std::string hashHex(const ContentHash& hash) {
    char hex[2 * sizeof(ContentHash) + 1];
    sodium_bin2hex(hex, sizeof(hex), hash.data(), hash.size());
    return hex;
}

std::string keyFingerprint(const PublicKey& publicKey) {
    char hex[17];
    sodium_bin2hex(hex, sizeof(hex), publicKey.data(), 8);
    return hex;
}

}  // namespace oh::bundle
