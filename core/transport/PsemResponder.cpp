#include "transport/PsemResponder.h"

#include "transport/Psem.h"

namespace prov::transport {

using namespace psem;

namespace {

QByteArray code(quint8 responseCode)
{
    return QByteArray(1, char(responseCode));
}

/// ST 0, GEN_CONFIG_TBL: format control (little-endian data, ISO 7-bit
/// characters), device class, nameplate type (electric), default set 0,
/// sizes, standard version 1.0, and the bit sets of used/writable tables
/// (dimension 1 byte each: standard tables 0, 1 used; manufacturer tables 1, 2).
QByteArray defaultTable0()
{
    QByteArray t;
    t.append(QByteArray::fromHex("020000")); // FORMAT_CONTROL_1..3
    t.append("PROV"); // DEVICE_CLASS
    t.append(char(2)); // NAMEPLATE_TYPE: electric
    t.append(char(0)); // DEFAULT_SET_USED
    t.append(char(8)); // MAX_PROC_PARM_LENGTH
    t.append(char(8)); // MAX_RESP_DATA_LEN
    t.append(char(1)); // STD_VERSION_NO
    t.append(char(0)); // STD_REVISION_NO
    t.append(char(1)); // DIM_STD_TBLS_USED
    t.append(char(1)); // DIM_MFG_TBLS_USED
    t.append(char(0)); // DIM_STD_PROC_USED
    t.append(char(0)); // DIM_MFG_PROC_USED
    t.append(char(0)); // DIM_MFG_STATUS_USED
    t.append(char(0)); // NBR_PENDING
    t.append(char(0x03)); // STD_TBLS_USED: 0, 1
    t.append(char(0x06)); // MFG_TBLS_USED: 1, 2
    t.append(char(0x00)); // STD_TBLS_WRITE
    t.append(char(0x02)); // MFG_TBLS_WRITE: 1 (the tunnel request)
    return t;
}

/// ST 1, GENERAL_MFG_ID_TBL: manufacturer (4), model (8), hardware and
/// firmware version/revision (1 each), serial number (16).
QByteArray defaultTable1()
{
    QByteArray t;
    t.append("PROV");
    t.append("SIMMETER");
    t.append(QByteArray::fromHex("01000100"));
    t.append(QByteArray("0000000000000001"));
    return t;
}

} // namespace

PsemResponder::PsemResponder(const Settings &settings)
    : m_settings(settings)
{
    m_settings.password = padPassword(settings.password);
    m_tables.insert(kGeneralConfigTable, defaultTable0());
    m_tables.insert(kManufacturerIdTable, defaultTable1());
}

QByteArray PsemResponder::padPassword(const QByteArray &password)
{
    QByteArray padded = password.left(20);
    padded.append(QByteArray(20 - padded.size(), ' '));
    return padded;
}

void PsemResponder::setTable(quint16 id, const QByteArray &content)
{
    m_tables.insert(id, content);
}

bool PsemResponder::queueTunnelMessage(const Message &message)
{
    bool kept = true;
    if (qsizetype(m_tunnelOut.size()) >= kMaxQueuedResponses) {
        m_tunnelOut.pop_front();
        kept = false;
    }
    m_tunnelOut.push_back(message);
    return kept;
}

void PsemResponder::endSession()
{
    const bool had = m_state != State::Base;
    m_state = State::Base;
    if (had && onSessionEnded)
        onSessionEnded();
}

QByteArray PsemResponder::handle(QByteArrayView request)
{
    if (request.isEmpty())
        return code(kErr);
    const auto service = quint8(request[0]);
    const QByteArrayView args = request.sliced(1);

    if (service == kIdentify) {
        // Allowed at any time: a client that restarted begins with Identify.
        m_state = State::Identified;
        // <ok><std 0 = C12.18><version 1><revision 0><end of feature list>
        return QByteArray::fromHex("0000010000");
    }
    if (service == kTerminate || service == kDisconnect) {
        endSession();
        return code(kOk);
    }
    if (m_state == State::Base)
        return code(kIsss);

    if (service >= kNegotiate && service <= kNegotiate + 11)
        return negotiate(request);

    switch (service) {
    case kWait:
        return args.size() == 1 ? code(kOk) : code(kErr);
    case kLogon:
        if (args.size() != 12)
            return code(kErr);
        if (m_state != State::Identified)
            return code(kIsss);
        m_state = State::LoggedOn;
        return code(kOk);
    case kSecurity:
        if (args.size() != 20)
            return code(kErr);
        if (!inSession())
            return code(kIsss);
        {
            // Compare every byte, so the time taken does not tell how much matched.
            unsigned diff = 0;
            for (int i = 0; i < 20; ++i)
                diff |= quint8(args[i]) ^ quint8(m_settings.password[i]);
            if (diff != 0)
                return code(kIsc);
        }
        m_state = State::Secured;
        return code(kOk);
    case kLogoff:
        if (!inSession())
            return code(kIsss);
        m_state = State::Identified;
        return code(kOk);
    case kReadFull:
        return readTable(args, false);
    case kReadPartial:
        return readTable(args, true);
    case kWriteFull:
        return writeTable(args, false);
    case kWritePartial:
        return writeTable(args, true);
    default:
        return code(kSns);
    }
}

QByteArray PsemResponder::negotiate(QByteArrayView request)
{
    const int baudCodes = quint8(request[0]) - kNegotiate;
    if (request.size() != 1 + 3 + baudCodes)
        return code(kErr);
    if (m_state != State::Identified)
        return code(kIsss);
    const quint16 proposedSize = be16(request, 1);
    const auto proposedPackets = quint8(request[3]);
    if (proposedSize <= kPacketOverhead || proposedPackets == 0)
        return code(kErr);
    const auto size
        = quint16(qMin<int>(qMin<int>(proposedSize, m_settings.maxPacketSize), int(kMaxPacketData + kPacketOverhead)));
    const auto packets = quint8(qMin<int>(proposedPackets, m_settings.maxPackets));
    // The baud rate does not change (the simulator's port keeps its speed):
    // answer the current one whatever was offered.
    const quint8 baud = codeFromBaud(m_settings.baudRate);
    QByteArray response = code(kOk);
    appendBe16(response, size);
    response.append(char(packets));
    response.append(char(baud));
    if (onNegotiated)
        onNegotiated(size, packets);
    return response;
}

QByteArray PsemResponder::readTable(QByteArrayView args, bool partial)
{
    if (args.size() != (partial ? 7 : 2))
        return code(kErr);
    if (!inSession())
        return code(kIsss);
    const quint16 id = be16(args, 0);
    QByteArray data;
    if (id == kTunnelRequestTable) {
        return code(kIar); // write only
    } else if (id == kTunnelResponseTable) {
        if (m_state != State::Secured)
            return code(kIsc);
        if (partial)
            return code(kIar);
        if (!m_tunnelOut.empty()) {
            if (4 + 1 + m_tunnelOut.front().payload.size() > m_maxResponse)
                return code(kOnp);
            const Message message = m_tunnelOut.front();
            m_tunnelOut.pop_front();
            data.append(char(message.channel));
            data.append(message.payload);
        }
    } else {
        const auto it = m_tables.constFind(id);
        if (it == m_tables.constEnd())
            return code(kIar);
        data = *it;
        if (partial) {
            const quint32 offset = be24(args, 2);
            const quint16 count = be16(args, 5);
            if (offset > quint32(data.size()) || offset + count > quint32(data.size()))
                return code(kOnp);
            data = data.mid(qsizetype(offset), count);
        }
    }
    if (4 + data.size() > m_maxResponse)
        return code(kOnp);
    QByteArray response = code(kOk);
    appendBe16(response, quint16(data.size()));
    response.append(data);
    response.append(char(tableChecksum(data)));
    return response;
}

QByteArray PsemResponder::writeTable(QByteArrayView args, bool partial)
{
    const qsizetype header = partial ? 7 : 4;
    if (args.size() < header + 1)
        return code(kErr);
    const quint16 id = be16(args, 0);
    const quint16 count = be16(args, header - 2);
    if (args.size() != header + count + 1)
        return code(kErr);
    const QByteArrayView data = args.sliced(header, count);
    if (tableChecksum(data) != quint8(args[header + count]))
        return code(kErr);
    if (!inSession())
        return code(kIsss);
    if (m_state != State::Secured)
        return code(kIsc);
    if (id != kTunnelRequestTable || partial)
        return code(kIar);
    Channel channel = Channel::Node;
    if (data.isEmpty() || !channelFromByte(quint8(data[0]), &channel))
        return code(kIar);
    if (onTunnelMessage)
        onTunnelMessage(Message {channel, data.sliced(1).toByteArray()});
    return code(kOk);
}

} // namespace prov::transport
