// The limits the control server puts on the network, so that no client can
// fill the station's memory or file handles or hold it up for long:
//   - each connection carries one request of at most kMaxRequestBytes, read
//     within kRequestSeconds (BoundedStream). cpp-httplib 0.11.4 (the Debian
//     package) caps a header line, the URI and a Content-Length body, but not
//     the number of header lines, a chunked body or a trickling client;
//   - kWorkers serve connections and at most kMaxWaitingConnections wait for
//     them; more are closed as they arrive (ConnectionQueue).
// Private to control/: ControlServer serves through ControlHttpServer.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include <httplib.h>

namespace oh::control {

inline constexpr size_t kMaxRequestBytes = 16 * 1024;  // request line, headers and a 4 KiB body, with room
inline constexpr int kRequestSeconds = 5;
inline constexpr int kWriteSeconds = 2;
inline constexpr size_t kWorkers = 4;
inline constexpr size_t kMaxWaitingConnections = 32;

class BoundedStream final : public httplib::Stream {
public:
    // Reads give up early once `stopping` is set (the server is shutting down).
    BoundedStream(socket_t sock, const std::atomic<bool>& stopping);

    bool is_readable() const override;
    bool is_writable() const override;
    // -1 once the request has used its bytes or its time: httplib then
    // answers 400 (or nothing) and the connection closes.
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return m_sock; }

private:
    // Waits until the socket is readable (or writable), at most until the
    // deadline or the server stops.
    bool wait(bool forWrite, std::chrono::steady_clock::time_point until) const;

    socket_t m_sock;
    const std::atomic<bool>& m_stopping;
    std::chrono::steady_clock::time_point m_deadline;
    size_t m_budget = kMaxRequestBytes;
    // httplib reads headers a byte at a time: read from the socket in blocks.
    char m_buffer[4096];
    size_t m_begin = 0, m_end = 0;
};

// httplib's pool of workers with a bound on the connections waiting for one.
// A connection over the bound is closed at once on the accepting thread.
class ConnectionQueue final : public httplib::ThreadPool {
public:
    ConnectionQueue() : httplib::ThreadPool(kWorkers) {}
    void enqueue(std::function<void()> serve) override;

private:
    std::atomic<size_t> m_queued{0};  // waiting or being served
    size_t m_refused = 0;             // only the accepting thread enqueues
};

// httplib's server, reading every connection through a BoundedStream.
class ControlHttpServer final : public httplib::Server {
public:
    // "ip:port" of the connection the calling worker thread serves, for log
    // lines: httplib fills Request::remote_addr only once the headers parsed.
    static const std::string& currentPeer();

    // stop(), and connections still waiting or mid-request end within about
    // 0.1 s instead of running out their time.
    void stopServing();

private:
    bool process_and_close_socket(socket_t sock) override;

    std::atomic<bool> m_stopping{false};
};

}  // namespace oh::control
