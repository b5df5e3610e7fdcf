#include "control/http_limits.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "control/control_protocol.h"
#include "core/log.h"

namespace oh::control {
namespace {

void addressOf(const sockaddr_storage& address, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
        inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
        port = ntohs(v4.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
        inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
        port = ntohs(v6.sin6_port);
    }
    ip = text;
}

thread_local std::string t_peer;
thread_local bool t_refuseConnection = false;  // set while ConnectionQueue closes one over its bound

}  // namespace

BoundedStream::BoundedStream(socket_t sock, const std::atomic<bool>& stopping)
    : m_sock(sock), m_stopping(stopping),
      m_deadline(std::chrono::steady_clock::now() + std::chrono::seconds(kRequestSeconds)) {}

bool BoundedStream::wait(bool forWrite, std::chrono::steady_clock::time_point until) const {
    constexpr int kSliceMs = 100;  // how often a wait looks at m_stopping
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0 || m_stopping) return false;
        pollfd fd{m_sock, short(forWrite ? POLLOUT : POLLIN), 0};
        int ready = ::poll(&fd, 1, int(std::min<int64_t>(left.count(), kSliceMs)));
        if (ready > 0) return true;
        if (ready < 0 && errno != EINTR) return false;
    }
}

bool BoundedStream::is_readable() const { return m_begin < m_end || wait(false, m_deadline); }

bool BoundedStream::is_writable() const {
    return wait(true, std::chrono::steady_clock::now() + std::chrono::seconds(kWriteSeconds));
}

ssize_t BoundedStream::read(char* ptr, size_t size) {
    if (m_begin == m_end) {
        if (m_budget == 0 || !wait(false, m_deadline)) return -1;
        ssize_t got = ::recv(m_sock, m_buffer, std::min(sizeof(m_buffer), m_budget), 0);
        if (got <= 0) return got;
        m_budget -= size_t(got);
        m_begin = 0;
        m_end = size_t(got);
    }
    size_t n = std::min(size, m_end - m_begin);
    std::memcpy(ptr, m_buffer + m_begin, n);
    m_begin += n;
    return ssize_t(n);
}

ssize_t BoundedStream::write(const char* ptr, size_t size) {
    if (!is_writable()) return -1;
    return ::send(m_sock, ptr, size, MSG_NOSIGNAL);
}

void BoundedStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(m_sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) addressOf(address, ip, port);
}

void BoundedStream::get_local_ip_and_port(std::string& ip, int& port) const {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getsockname(m_sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) addressOf(address, ip, port);
}

const std::string& ControlHttpServer::currentPeer() { return t_peer; }

void ControlHttpServer::stopServing() {
    m_stopping = true;
    stop();
}

void ConnectionQueue::enqueue(std::function<void()> serve) {
    if (m_queued >= kWorkers + kMaxWaitingConnections) {
        // `serve` owns the socket: run it here, told to close it unread.
        t_refuseConnection = true;
        serve();
        t_refuseConnection = false;
        // One line per thousand, not per connection: a flood must not flood the log.
        if (m_refused++ % 1000 == 0)
            OH_LOG_WARN("control: %zu connections at once, closed %zu (the latest from %s)",
                        kWorkers + kMaxWaitingConnections, m_refused, t_peer.c_str());
        return;
    }
    ++m_queued;
    httplib::ThreadPool::enqueue([this, serve = std::move(serve)] {
        serve();
        --m_queued;
    });
}

bool ControlHttpServer::process_and_close_socket(socket_t sock) {
    BoundedStream stream(sock, m_stopping);
    std::string ip;
    int port = -1;
    stream.get_remote_ip_and_port(ip, port);
    t_peer = endpointName(ip, port);
    if (t_refuseConnection || m_stopping) {
        ::close(sock);
        return false;
    }
    bool closed = false;
    // One request per connection: the table opens one per request, and a
    // kept-alive connection would need a budget per request.
    bool served = process_request(stream, /*close_connection=*/true, closed, nullptr);
    ::shutdown(sock, SHUT_RDWR);
    ::close(sock);
    return served;
}

}  // namespace oh::control
