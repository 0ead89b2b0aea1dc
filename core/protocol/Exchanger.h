#pragma once

#include "domain/Result.h"
#include "protocol/ClientOptions.h"
#include "protocol/Request.h"
#include "protocol/Response.h"
#include "transport/Link.h"
#include "transport/Message.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace prov::protocol {

/// Request/response on one channel of a Link: assigns tags, matches answers by
/// tag and opcode (late or foreign answers are dropped), times out and resends
/// the same bytes, and allows several requests in flight (answered in order by
/// the device). The Link underneath only carries the messages.
class Exchanger : public QObject
{
    Q_OBJECT

public:
    /// The answer (any status), or an Error: NoAnswer/InvalidResponse codes of
    /// this channel (resultCodeFor(ExchangeFailure, channel)).
    using Callback = std::function<void(const Result<Response> &)>;

    Exchanger(
        transport::Link *link, transport::Channel channel, const ClientOptions &options, QObject *parent = nullptr);
    ~Exchanger() override;

    /// Sends `request` with a fresh tag; `callback` runs once (never inside
    /// this call) unless cancelled or `context` is gone. Returns an id (> 0).
    /// `baseTimeoutMs` replaces ClientOptions::responseTimeoutMs (-1: keep it).
    quint64 exchange(Request request, QObject *context, Callback callback, int baseTimeoutMs = -1);
    void cancel(quint64 id);

    [[nodiscard]] transport::Channel channel() const { return m_channel; }
    [[nodiscard]] const ClientOptions &options() const { return m_options; }
    [[nodiscard]] transport::Link *link() const { return m_link; }
    /// Largest TransferBlock data the wrapper below can carry.
    [[nodiscard]] int maxBlockForWrapper() const;
    [[nodiscard]] quint64 resends() const { return m_resends; }
    [[nodiscard]] quint64 droppedAnswers() const { return m_dropped; }

private:
    struct Pending
    {
        quint64 id = 0;
        quint16 tag = 0;
        Opcode opcode = Opcode::NodeIdentify;
        QByteArray bytes;
        int retriesLeft = 0;
        int baseTimeoutMs = 0;
        QPointer<QObject> context;
        Callback callback;
        std::unique_ptr<QTimer> timer;
    };

    void transmit(Pending &p);
    void handleMessage(const transport::Message &message);
    void handleTimeout(quint64 id);
    void complete(quint64 id, const Result<Response> &result);
    void erase(std::map<quint64, Pending>::iterator it);
    void failAll(const Error &error);
    [[nodiscard]] int timeoutFor(int baseMs, qsizetype bytesAhead) const;
    [[nodiscard]] Error error(ExchangeFailure failure, const QString &what) const;

    QPointer<transport::Link> m_link;
    /// Why the link failed, until it opens again: a request made meanwhile
    /// fails at once with it instead of waiting through its resends.
    std::optional<Error> m_linkFailure;
    transport::Channel m_channel;
    ClientOptions m_options;
    quint16 m_nextTag = 0;
    quint64 m_nextId = 1;
    std::map<quint64, Pending> m_pending; ///< by id: sending order
    quint64 m_resends = 0;
    quint64 m_dropped = 0;
};

} // namespace prov::protocol
