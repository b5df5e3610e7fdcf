// Little-endian records for the bundle's binary parts: a writer that appends
// fields, and a reader that checks every read against the end of its bytes
// (a short or hostile part makes the reader fail, never read past the end).
// Internal to bundle/.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace oh::bundle {

class ByteWriter {
public:
    template <typename T>
    void put(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* bytes = reinterpret_cast<const uint8_t*>(&value);
        m_bytes.insert(m_bytes.end(), bytes, bytes + sizeof(T));
    }
    template <typename T>
    void putArray(std::span<const T> values) {
        static_assert(std::is_trivially_copyable_v<T>);
        put(uint64_t(values.size()));
        const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
        m_bytes.insert(m_bytes.end(), bytes, bytes + values.size_bytes());
    }
    void putString(const std::string& text) {
        put(uint32_t(text.size()));
        m_bytes.insert(m_bytes.end(), text.begin(), text.end());
    }
    std::vector<uint8_t>& bytes() { return m_bytes; }

private:
    std::vector<uint8_t> m_bytes;
};

class ByteReader {
public:
    explicit ByteReader(std::span<const uint8_t> bytes) : m_bytes(bytes) {}

    // False once any read ran past the end; later reads give zeros.
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_offset == m_bytes.size(); }

    template <typename T>
    T get() {
        static_assert(std::is_trivially_copyable_v<T>);
        T value{};
        if (take(sizeof(T))) std::memcpy(&value, m_bytes.data() + m_offset - sizeof(T), sizeof(T));
        return value;
    }
    // A count written by putArray, refused when its items cannot fit in what
    // is left (so a hostile count never allocates).
    template <typename T>
    std::vector<T> getArray() {
        uint64_t count = get<uint64_t>();
        if (!m_ok || count > (m_bytes.size() - m_offset) / sizeof(T)) {
            m_ok = false;
            return {};
        }
        std::vector<T> values(count);
        if (count) std::memcpy(values.data(), m_bytes.data() + m_offset, count * sizeof(T));
        m_offset += count * sizeof(T);
        return values;
    }
    // A count of records that each take at least `minBytes`.
    uint32_t getCount(size_t minBytes) {
        uint32_t count = get<uint32_t>();
        if (!m_ok || count > (m_bytes.size() - m_offset) / minBytes) {
            m_ok = false;
            return 0;
        }
        return count;
    }
    std::string getString() {
        uint32_t length = get<uint32_t>();
        if (!take(length)) return {};
        return std::string(reinterpret_cast<const char*>(m_bytes.data() + m_offset - length), length);
    }

private:
    bool take(size_t count) {
        if (!m_ok || count > m_bytes.size() - m_offset) {
            m_ok = false;
            return false;
        }
        m_offset += count;
        return true;
    }

    std::span<const uint8_t> m_bytes;
    size_t m_offset = 0;
    bool m_ok = true;
};

}  // namespace oh::bundle
