#include "markers/osc_receiver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>

#include <lo/lo.h>

#include "core/log.h"
#include "markers/log_limiter.h"

namespace oh::markers {

namespace {

// The largest UDP payload (IPv6 jumbograms aside).
constexpr size_t kMaxDatagram = 65536;

// liblo reports decoding errors through a process-wide callback with no user
// pointer; the receiver counts and logs them from dispatch's return value
// instead, so this one stays silent (liblo's default prints every one).
void ignoreLoError(int, const char*, const char*) {}

struct UniqueFd {
    int fd = -1;
    explicit UniqueFd(int f) : fd(f) {}
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd() {
        if (fd >= 0) ::close(fd);
    }
};

struct LoServerDeleter {
    void operator()(void* server) const { lo_server_free(static_cast<lo_server>(server)); }
};
using LoServerHandle = std::unique_ptr<void, LoServerDeleter>;

std::string describe(const sockaddr_storage& address) {
    char host[INET6_ADDRSTRLEN] = "?";
    if (address.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(address);
        inet_ntop(AF_INET, &in.sin_addr, host, sizeof host);
        return std::string(host) + ":" + std::to_string(ntohs(in.sin_port));
    }
    if (address.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
        inet_ntop(AF_INET6, &in6.sin6_addr, host, sizeof host);
        return "[" + std::string(host) + "]:" + std::to_string(ntohs(in6.sin6_port));
    }
    return host;
}

// liblo's argv points into the datagram, 4-byte aligned, while lo_arg (a
// union with 64-bit members) asks for 8: arguments are read through memcpy,
// never by member access.
template <typename T>
T argAs(const lo_arg* arg) {
    T value;
    std::memcpy(&value, arg, sizeof value);
    return value;
}
const char* argText(const lo_arg* arg) { return reinterpret_cast<const char*>(arg); }

// TUIO sends 32-bit floats; doubles are taken too, since some OSC libraries
// send nothing else.
bool readFloat(char type, const lo_arg* arg, float& out) {
    if (type == LO_FLOAT) out = argAs<float>(arg);
    else if (type == LO_DOUBLE) out = float(argAs<double>(arg));
    else return false;
    return std::isfinite(out);
}

bool allInts(const char* types, int from, int argc) {
    for (int i = from; i < argc; ++i)
        if (types[i] != LO_INT32) return false;
    return true;
}

std::vector<int32_t> readInts(lo_arg** argv, int from, int argc) {
    std::vector<int32_t> ids;
    ids.reserve(size_t(argc - from));
    for (int i = from; i < argc; ++i) ids.push_back(argAs<int32_t>(argv[i]));
    return ids;
}

// x y angle at argv[first..first+2], then every further argument a float.
bool readObject(const char* types, lo_arg** argv, int argc, int first, TuioObjectState& object) {
    float rest = 0.0f;
    for (int i = first + 3; i < argc; ++i)
        if (!readFloat(types[i], argv[i], rest)) return false;
    return readFloat(types[first], argv[first], object.x) && readFloat(types[first + 1], argv[first + 1], object.y) &&
           readFloat(types[first + 2], argv[first + 2], object.angle);
}

// /tuio/2Dobj: source s | alive s_id... | set s i x y a X Y A m r | fseq f
std::optional<TuioMessage> decode2Dobj(const char* types, lo_arg** argv, int argc) {
    if (argc < 1 || types[0] != LO_STRING) return std::nullopt;
    const char* command = argText(argv[0]);
    if (std::strcmp(command, "source") == 0 && argc == 2 && types[1] == LO_STRING) return TuioSource{argText(argv[1])};
    if (std::strcmp(command, "alive") == 0 && allInts(types, 1, argc)) return TuioAlive{readInts(argv, 1, argc)};
    if (std::strcmp(command, "fseq") == 0 && argc == 2 && types[1] == LO_INT32)
        return TuioFrameSeq{argAs<int32_t>(argv[1])};
    if (std::strcmp(command, "set") == 0 && argc == 11 && types[1] == LO_INT32 && types[2] == LO_INT32) {
        TuioSet set{{argAs<int32_t>(argv[1]), argAs<int32_t>(argv[2])}};
        if (readObject(types, argv, argc, 3, set.object)) return set;
    }
    return std::nullopt;
}

// /tuio2/frm f_id time [dim source]
std::optional<TuioMessage> decodeFrame2(const char* types, lo_arg** argv, int argc) {
    if (argc < 2 || argc > 4 || types[0] != LO_INT32 || types[1] != LO_TIMETAG) return std::nullopt;
    if (argc >= 3 && types[2] != LO_INT32) return std::nullopt;
    if (argc == 4 && types[3] != LO_STRING) return std::nullopt;
    Tuio2Frame frame;
    frame.frame = argAs<uint32_t>(argv[0]);
    const lo_timetag time = argAs<lo_timetag>(argv[1]);
    frame.timeTag = uint64_t(time.sec) << 32 | time.frac;
    if (argc == 4) frame.source = argText(argv[3]);
    return frame;
}

// /tuio2/tok s_id tu_id c_id x y angle [x_vel y_vel a_vel m_acc r_acc]
std::optional<TuioMessage> decodeToken2(const char* types, lo_arg** argv, int argc) {
    if ((argc != 6 && argc != 11) || !allInts(types, 0, 3)) return std::nullopt;
    Tuio2Token token{{argAs<int32_t>(argv[0]), argAs<int32_t>(argv[2])}};
    if (!readObject(types, argv, argc, 3, token.object)) return std::nullopt;
    return token;
}

bool startsWith(const char* text, const char* prefix) { return std::strncmp(text, prefix, std::strlen(prefix)) == 0; }

}  // namespace

struct OscReceiver::Impl {
    OscReceiverOptions options;
    LoServerHandle server;
    int fd = -1;  // owned by `server` (see open())
    uint16_t port = 0;
    OscReceiverStats stats;
    std::vector<uint8_t> buffer = std::vector<uint8_t>(kMaxDatagram);
    TuioPacket* packet = nullptr;  // the datagram being dispatched
    LogLimiter malformedLog, ignoredLog, socketLog;

    static int onMessage(const char* path, const char* types, lo_arg** argv, int argc, lo_message, void* self) {
        static_cast<Impl*>(self)->decode(path, types, argv, argc);
        return 0;  // handled: liblo tries no other method
    }

    void decode(const char* path, const char* types, lo_arg** argv, int argc) {
        std::optional<TuioMessage> message;
        if (std::strcmp(path, "/tuio/2Dobj") == 0) message = decode2Dobj(types, argv, argc);
        else if (std::strcmp(path, "/tuio2/frm") == 0) message = decodeFrame2(types, argv, argc);
        else if (std::strcmp(path, "/tuio2/tok") == 0) message = decodeToken2(types, argv, argc);
        else if (std::strcmp(path, "/tuio2/alv") == 0 && allInts(types, 0, argc))
            message = Tuio2Alive{readInts(argv, 0, argc)};
        else if (startsWith(path, "/tuio/") || startsWith(path, "/tuio2/"))
            return;  // TUIO the table does not read (cursors, blobs, pointers, bounds): not a mistake
        else {
            ++stats.ignoredMessages;
            uint64_t heldBack = 0;
            if (ignoredLog.allow(heldBack))
                OH_LOG_WARN("TUIO receiver: OSC from %s to an unknown address '%.64s', ignored (%llu more held back)",
                            packet->sender.c_str(), path, static_cast<unsigned long long>(heldBack));
            return;
        }
        if (message) {
            packet->messages.push_back(std::move(*message));
            return;
        }
        ++stats.ignoredMessages;
        uint64_t heldBack = 0;
        if (ignoredLog.allow(heldBack))
            OH_LOG_WARN("TUIO receiver: %s from %s with arguments '%.32s' (%d), not what TUIO defines; ignored "
                        "(%llu more held back)",
                        path, packet->sender.c_str(), types, argc, static_cast<unsigned long long>(heldBack));
    }

    void noteMalformed(size_t size, const std::string& sender) {
        ++stats.malformed;
        uint64_t heldBack = 0;
        if (malformedLog.allow(heldBack))
            OH_LOG_WARN("TUIO receiver: a malformed OSC datagram (%zu bytes) from %s, ignored (%llu more held back)",
                        size, sender.c_str(), static_cast<unsigned long long>(heldBack));
    }

    // Dispatches buffer[0, size) through liblo into `out`.
    void dispatch(size_t size, std::string_view sender, std::vector<TuioPacket>& out) {
        ++stats.datagrams;
        TuioPacket current{std::string(sender), {}};
        packet = &current;
        const int result = lo_server_dispatch_data(server.get(), buffer.data(), size);
        packet = nullptr;
        if (result <= 0) {
            // liblo refused the datagram (not OSC, truncated, a bad type tag);
            // what it dispatched before finding the fault is dropped with it.
            noteMalformed(size, current.sender);
            return;
        }
        if (!current.messages.empty()) out.push_back(std::move(current));
    }
};

Result<OscReceiver> OscReceiver::open(const OscReceiverOptions& options) {
    const std::string where = "udp " + options.address + ":" + std::to_string(options.port);
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    if (impl->options.maxPacketsPerPoll == 0) impl->options.maxPacketsPerPoll = 1;

    // liblo 0.31 (Debian 12) binds its UDP servers to every interface and has
    // no option to choose one (lo_server_config came in 0.32). So liblo makes
    // its server on a free port, and the socket bound where the options say
    // replaces that server's socket under the same descriptor (dup3): one
    // socket, owned and closed by liblo, and no stray port left open.
    impl->server.reset(lo_server_new_with_proto(nullptr, LO_UDP, ignoreLoError));
    if (!impl->server) return makeError("TUIO receiver: liblo could not create an OSC server", kExitIo);
    lo_server_enable_queue(impl->server.get(), 0, 0);  // bundles for later dispatch now: nothing piles up in liblo
    lo_server_add_method(impl->server.get(), nullptr, nullptr, &Impl::onMessage, impl.get());

    addrinfo hints{};
    hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST | AI_NUMERICSERV;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    if (getaddrinfo(options.address.c_str(), std::to_string(options.port).c_str(), &hints, &found) != 0 || !found)
        return makeError("TUIO receiver: '" + options.address + "' is not a numeric IP address to listen on");
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> address(found, freeaddrinfo);

    UniqueFd socketFd(::socket(address->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (socketFd.fd < 0) return makeError("TUIO receiver: " + where + ": " + std::strerror(errno), kExitIo);
    const int on = 1;
    setsockopt(socketFd.fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);  // drop counts; optional, so unchecked
    if (::bind(socketFd.fd, address->ai_addr, address->ai_addrlen) != 0)
        return makeError("TUIO receiver: cannot listen on " + where + ": " + std::strerror(errno), kExitIo);
    sockaddr_storage bound{};
    socklen_t boundSize = sizeof bound;
    getsockname(socketFd.fd, reinterpret_cast<sockaddr*>(&bound), &boundSize);
    impl->port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                                   : reinterpret_cast<sockaddr_in&>(bound).sin_port);

    impl->fd = lo_server_get_socket_fd(impl->server.get());
    if (impl->fd < 0 || ::dup3(socketFd.fd, impl->fd, O_CLOEXEC) < 0)
        return makeError("TUIO receiver: cannot hand " + where + " to liblo: " + std::strerror(errno), kExitIo);
    return OscReceiver(std::move(impl));
}

OscReceiver::OscReceiver(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
OscReceiver::OscReceiver(OscReceiver&&) noexcept = default;
OscReceiver& OscReceiver::operator=(OscReceiver&&) noexcept = default;
OscReceiver::~OscReceiver() = default;

uint16_t OscReceiver::port() const { return m_impl->port; }
const OscReceiverStats& OscReceiver::stats() const { return m_impl->stats; }

size_t OscReceiver::poll(std::vector<TuioPacket>& out) {
    Impl& impl = *m_impl;
    size_t read = 0;
    while (read < impl.options.maxPacketsPerPoll) {
        sockaddr_storage from{};
        iovec data{impl.buffer.data(), kMaxDatagram};
        alignas(cmsghdr) char control[CMSG_SPACE(sizeof(uint32_t))];
        msghdr header{};
        header.msg_name = &from;
        header.msg_namelen = sizeof from;
        header.msg_iov = &data;
        header.msg_iovlen = 1;
        header.msg_control = control;
        header.msg_controllen = sizeof control;
        const ssize_t size = ::recvmsg(impl.fd, &header, MSG_DONTWAIT);
        if (size < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) {
                uint64_t heldBack = 0;
                if (impl.socketLog.allow(heldBack))
                    OH_LOG_WARN("TUIO receiver: reading udp port %u: %s", unsigned(impl.port), std::strerror(errno));
            }
            break;
        }
        ++read;
        for (cmsghdr* c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                uint32_t dropped = 0;
                std::memcpy(&dropped, CMSG_DATA(c), sizeof dropped);
                impl.stats.droppedByKernel = dropped;  // the socket's running total
            }
        }
        if (header.msg_flags & MSG_TRUNC) {  // larger than any UDP datagram should be
            ++impl.stats.datagrams;
            impl.noteMalformed(size_t(size), describe(from));
            continue;
        }
        impl.dispatch(size_t(size), describe(from), out);
    }
    if (read == impl.options.maxPacketsPerPoll) {
        char peek = 0;
        if (::recv(impl.fd, &peek, 1, MSG_PEEK | MSG_DONTWAIT) >= 0) ++impl.stats.pollsAtLimit;
    }
    return read;
}

void OscReceiver::handleDatagram(std::span<const uint8_t> bytes, std::string_view sender,
                                 std::vector<TuioPacket>& out) {
    Impl& impl = *m_impl;
    // liblo reads words in place: the bytes go into the receiver's own
    // (malloc-aligned) buffer first, as a datagram read from the socket does.
    impl.buffer.resize(std::max(impl.buffer.size(), bytes.size()));
    std::copy(bytes.begin(), bytes.end(), impl.buffer.begin());
    impl.dispatch(bytes.size(), sender, out);
}

}  // namespace oh::markers
