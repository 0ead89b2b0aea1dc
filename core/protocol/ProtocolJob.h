#pragma once

#include "domain/Result.h"
#include "protocol/Request.h"
#include "protocol/Response.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

#include <vector>

namespace prov::protocol {

class Exchanger;

/// One operation on a device (identify, a transfer, a key write, ...). Starts
/// from the event loop after creation, emits exactly one of finished() or
/// failed() (unless aborted), then deletes itself later: read its results in
/// the slot connected to finished().
class ProtocolJob : public QObject
{
    Q_OBJECT

public:
    ~ProtocolJob() override;

    /// "NodeIdentify", "firmware transfer", ... for logs and messages.
    [[nodiscard]] QString operation() const { return m_operation; }
    /// The last Ok answer (Identify: node/host; MeterLinkCheck: meterId).
    [[nodiscard]] const Response &response() const { return m_response; }
    [[nodiscard]] const NodeIdentity &nodeIdentity() const { return m_response.node; }
    [[nodiscard]] const HostIdentity &hostIdentity() const { return m_response.host; }
    [[nodiscard]] QString meterId() const { return m_response.meterId; }
    [[nodiscard]] const QList<HostApp> &hostApps() const { return m_response.apps; }
    [[nodiscard]] const ImageInfo &image() const { return m_response.image; }
    [[nodiscard]] bool isDone() const { return m_done; }

    /// Stops without emitting anything more; deletes itself later.
    void abort();

signals:
    void finished();
    void failed(const prov::Error &error);
    /// Transfers: bytes the device has confirmed, of `total`.
    void progressed(qint64 done, qint64 total);

protected:
    ProtocolJob(Exchanger *exchanger, QString operation, QObject *parent);
    /// Called once from the event loop after construction.
    virtual void run() = 0;
    /// Sends a request; the callback runs unless the job is done.
    quint64 send(Request request, std::function<void(const Result<Response> &)> callback, int baseTimeoutMs = -1);
    void cancelAll();
    void succeed(const Response &response = {});
    void fail(const Error &error);
    /// The error of a non-Ok status, from the one table.
    [[nodiscard]] Error statusFailure(const Response &response) const;

    QPointer<Exchanger> m_exchanger;

private:
    void finishLater();

    QString m_operation;
    Response m_response;
    std::vector<quint64> m_ids;
    bool m_done = false;
};

/// A job of one request whose Ok answer is the result.
class ExchangeJob : public ProtocolJob
{
    Q_OBJECT

public:
    ExchangeJob(Exchanger *exchanger, Request request, QObject *parent);

protected:
    void run() override;

private:
    Request m_request;
};

} // namespace prov::protocol
