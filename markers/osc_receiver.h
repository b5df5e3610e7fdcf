// TUIO over OSC/UDP: a socket the table polls once a frame, never blocking
// it. liblo decodes each datagram (messages and bundles, nested too); the
// TUIO messages the table reads come out type-checked (tuio_messages.h).
//
// Polled rather than a liblo server thread: the table's frame loop is the
// only reader, so no lock and no queue are needed, and the socket's receive
// buffer already is the queue the kernel bounds for us. A flood costs a poll
// at most `maxPacketsPerPoll` datagrams; what the buffer cannot hold the
// kernel drops, and the receiver reports how many (SO_RXQ_OVFL).
// Malformed datagrams, wrong type tags and unknown addresses are ignored,
// counted, and logged at most once a second.
// Not for: frame assembly (tuio_frames.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "markers/tuio_messages.h"

namespace oh::markers {

struct OscReceiverOptions {
    std::string address = "127.0.0.1";  // numeric IPv4 or IPv6; "0.0.0.0" listens on every interface
    uint16_t port = 3333;                // TUIO's port; 0: any free port (tests)
    size_t maxPacketsPerPoll = 256;      // datagrams read by one poll(); the rest wait for the next
};

struct OscReceiverStats {
    uint64_t datagrams = 0;          // read from the socket or handed to handleDatagram
    uint64_t malformed = 0;          // not OSC, truncated, or too large for one datagram
    uint64_t ignoredMessages = 0;    // an unknown address, or a TUIO message with the wrong arguments
    uint64_t droppedByKernel = 0;    // arrived while the receive buffer was full
    uint64_t pollsAtLimit = 0;       // polls that stopped at maxPacketsPerPoll with more waiting
};

class OscReceiver {
public:
    // Binds a UDP socket to options.address:port. An error names the address
    // and what the system said (the port is taken, the address is not local).
    static Result<OscReceiver> open(const OscReceiverOptions& options);

    OscReceiver(OscReceiver&&) noexcept;
    OscReceiver& operator=(OscReceiver&&) noexcept;
    ~OscReceiver();

    uint16_t port() const;

    // Reads the datagrams that have arrived, at most maxPacketsPerPoll, and
    // appends one TuioPacket per datagram that held TUIO. Never blocks.
    // Returns the number of datagrams read.
    size_t poll(std::vector<TuioPacket>& out);

    // Decodes one datagram as poll() does with what it reads: for tests, the
    // fuzzer, and TUIO carried some other way. `sender` names where it came
    // from ("127.0.0.1:50123").
    void handleDatagram(std::span<const uint8_t> bytes, std::string_view sender, std::vector<TuioPacket>& out);

    const OscReceiverStats& stats() const;

private:
    struct Impl;
    explicit OscReceiver(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace oh::markers
