#pragma once

#include <QtGlobal>

namespace prov::protocol {

/// Timeouts, retries and windowing of the station side. Every timeout is the
/// base below plus the line time of what is still ahead of the answer at
/// `baudRate`, so one setting serves 115200 and 9600 alike.
struct ClientOptions
{
    qint32 baudRate = 115200;
    /// Device turnaround and processing allowance per request.
    int responseTimeoutMs = 1000;
    /// The same for a TransferBlock: a block costs the device only its flash
    /// write, and a lost block that nothing follows is found by this timeout.
    int blockTimeoutMs = 300;
    /// Resends of one request (same tag, same bytes) before it fails.
    int retries = 2;
    /// Transfer blocks in flight, so the line stays busy while the device writes flash.
    int transferWindow = 2;
    /// The station's own cap on a block; the device and the wrapper may lower it.
    int maxBlockSize = 4096;
    /// A transfer whose device went quiet (reset, line lost) is resumed with a
    /// new TransferBegin this many times before it fails.
    int resumeAttempts = 3;
    /// A CRC-32 mismatch at TransferEnd although the station's data matches the
    /// CRC it announced means the bytes were damaged on the way (an `orw` frame
    /// with a lost byte passes its 8-bit sum 1 time in 256) or in the device's
    /// flash: the whole transfer starts over this many times before it fails.
    int crcMismatchRestarts = 1;
    /// Multiplies line time in timeouts (wrapper overhead, ACK turnaround).
    double lineTimeFactor = 2.0;
};

} // namespace prov::protocol
