#include "transport/Message.h"

namespace prov::transport {

QString wrapperName(WrapperKind kind)
{
    switch (kind) {
    case WrapperKind::None:
        return QStringLiteral("none");
    case WrapperKind::Orw:
        return QStringLiteral("orw");
    case WrapperKind::Reliable:
        return QStringLiteral("reliable");
    case WrapperKind::OptPsem:
        return QStringLiteral("opt_psem");
    }
    return QString();
}

bool parseWrapperName(QStringView name, WrapperKind *kind)
{
    static constexpr WrapperKind kAll[]
        = {WrapperKind::None, WrapperKind::Orw, WrapperKind::Reliable, WrapperKind::OptPsem};
    for (WrapperKind candidate : kAll) {
        if (name == wrapperName(candidate)) {
            if (kind)
                *kind = candidate;
            return true;
        }
    }
    return false;
}

QString channelName(Channel channel)
{
    return channel == Channel::Node ? QStringLiteral("node") : QStringLiteral("host");
}

bool channelFromByte(quint8 byte, Channel *channel)
{
    if (byte != quint8(Channel::Node) && byte != quint8(Channel::Host))
        return false;
    if (channel)
        *channel = Channel(byte);
    return true;
}

} // namespace prov::transport
