#pragma once

#include "transport/PsemLinkLayer.h"
#include "transport/PsemResponder.h"
#include "transport/Wrapper.h"
#include "transport/WrapperOptions.h"

#include <QElapsedTimer>
#include <QTimer>

#include <deque>
#include <memory>

namespace prov::transport {

/// `opt_psem`: node/host messages through a meter's optical port, tunnelled
/// in ANSI C12.18 PSEM (docs/protocol/wrappers.md).
///
/// Station role: a PSEM client. start() drops stale input until the line is
/// quiet, then runs Identify, Negotiate, Logon and Security (an answer that
/// does not fit the request it would answer is dropped and waited past); each message is a Write full of table 2049
/// (`<channel><payload>`); replies are fetched by polling Read full of table 2050 (empty = none yet); stop() sends
/// Logoff and Terminate. Device role: the meter's side (PsemResponder) for the simulator.
class OptPsemWrapper : public Wrapper
{
    Q_OBJECT

public:
    /// Largest node/host message; the negotiated packet size × count must hold
    /// it plus 7 bytes of PSEM framing (the default proposal holds 8128).
    static constexpr qsizetype kMaxMessage = 4096;

    OptPsemWrapper(Role role, const WrapperOptions &options, QObject *parent = nullptr);
    ~OptPsemWrapper() override;

    [[nodiscard]] WrapperKind kind() const override { return WrapperKind::OptPsem; }
    void start() override;
    void stop() override;
    void sendMessage(const Message &message) override;
    void feed(QByteArrayView bytes) override;
    [[nodiscard]] const LinkCounters &counters() const override { return m_counters; }
    [[nodiscard]] qsizetype maxMessageSize() const override { return kMaxMessage; }

    /// Device role: the meter's tables and state (e.g. the simulator sets table 1).
    [[nodiscard]] PsemResponder *responder() const { return m_responder.get(); }
    /// Station: the meter's standard table 1 (GENERAL_MFG_ID_TBL) as read in
    /// the session when WrapperOptions::psemReadIdentification is set; empty
    /// when not read or the meter refused it.
    [[nodiscard]] QByteArray identificationTable() const { return m_identificationTable; }
    /// The negotiated link limits (station and device).
    [[nodiscard]] quint16 packetSize() const { return m_link.packetSize(); }
    [[nodiscard]] quint8 maxPackets() const { return m_link.maxPackets(); }

private:
    enum class Step {
        Idle,
        Draining, ///< stale input of an earlier session is dropped before Identify
        Identify,
        Negotiate,
        Logon,
        ReadIdentification, ///< standard table 1, when asked for
        Security,
        Ready,
        Logoff,
        Terminate,
        Failed,
    };

    // Station.
    void request(quint8 service, const QByteArray &arguments = {});
    void handleResponse(const QByteArray &response);
    /// Whether `response` has the shape of an answer to the outstanding request.
    [[nodiscard]] bool fitsPending(const QByteArray &response) const;
    void startIdentify();
    void handleSessionResponse(quint8 status, const QByteArray &response);
    void handleTunnelResponse(quint8 status, const QByteArray &response);
    void pump();
    void schedulePoll(int delayMs);
    void finishStop();
    void fail(const QString &message);
    // Device.
    void handleRequest(const QByteArray &request);

    Role m_role;
    WrapperOptions m_options;
    LinkCounters m_counters;
    PsemLinkLayer m_link;
    std::unique_ptr<PsemResponder> m_responder;

    Step m_step = Step::Idle;
    quint8 m_pendingService = 0; ///< 0: no request outstanding
    bool m_pendingIsPoll = false;
    std::deque<Message> m_outgoing;
    int m_expectedReplies = 0;
    int m_busyAnswers = 0;
    bool m_pollDue = false;
    bool m_stopRequested = false;
    QElapsedTimer m_sinceTunnelReply;
    QTimer m_responseTimer;
    QTimer m_pollTimer;
    QTimer m_trafficTimer; ///< device: the meter ends a silent session
    QTimer m_drainTimer; ///< station: quiet time before Identify
    QElapsedTimer m_draining;
    QByteArray m_identificationTable;
};

} // namespace prov::transport
