#include "slots/SlotModelAdapter.h"

#include "engine/StationSnapshot.h"

#include <QAbstractItemModel>

#include <array>

namespace prov::gui {

namespace {

// Role names accepted for each field, in order of preference.
const std::array<QList<QByteArray>, 15> kRoleNames = {{
    {"status", "state"},
    {"step", "stepName", "currentStep"},
    {"percent", "progress"},
    {"elapsedMs", "elapsed"},
    {"nodeId"},
    {"emcmId", "hostId"},
    {"meterSerial", "serial"},
    {"resultCode", "finalCode", "code"},
    {"detail", "errorMessage", "message"},
    {"logPath", "runLog", "logFile"},
    {"family", "meter", "plugin"},
    {"operation"},
    {"port", "portName"},
    {"attention"},
    {"run"},
}};

} // namespace

SlotModelAdapter::SlotModelAdapter(QObject *parent)
    : QObject(parent)
{
    std::fill(std::begin(m_roles), std::end(m_roles), -1);
}

void SlotModelAdapter::setModel(QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &QAbstractItemModel::dataChanged, this, &SlotModelAdapter::onDataChanged);
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            resolveRoles();
            Q_EMIT rowsReset();
        });
        connect(model, &QAbstractItemModel::rowsInserted, this, [this] { Q_EMIT rowsReset(); });
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { Q_EMIT rowsReset(); });
    }
    resolveRoles();
    Q_EMIT rowsReset();
}

void SlotModelAdapter::resolveRoles()
{
    std::fill(std::begin(m_roles), std::end(m_roles), -1);
    if (!m_model)
        return;
    const QHash<int, QByteArray> names = m_model->roleNames();
    for (int field = 0; field < FieldCount; ++field) {
        for (const QByteArray &wanted : kRoleNames[size_t(field)]) {
            const int role = names.key(wanted, -1);
            if (role >= 0) {
                m_roles[field] = role;
                break;
            }
        }
    }
}

int SlotModelAdapter::rowCount() const
{
    return m_model ? m_model->rowCount() : 0;
}

QVariant SlotModelAdapter::value(int row, Field field) const
{
    if (!m_model || m_roles[field] < 0)
        return {};
    return m_model->data(m_model->index(row, 0), m_roles[field]);
}

SlotStatus SlotModelAdapter::parseStatus(const QVariant &value)
{
    if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::UInt
        || value.typeId() == QMetaType::LongLong) {
        const int n = value.toInt();
        return n >= 0 && n <= 4 ? static_cast<SlotStatus>(n) : SlotStatus::Attention;
    }
    const QString text = value.toString().trimmed().toLower();
    if (text.isEmpty() || text == QLatin1String("idle") || text == QLatin1String("ready"))
        return SlotStatus::Idle;
    if (text == QLatin1String("running") || text == QLatin1String("busy") || text == QLatin1String("stopping"))
        return SlotStatus::Running;
    if (text == QLatin1String("pass") || text == QLatin1String("passed") || text == QLatin1String("success"))
        return SlotStatus::Pass;
    if (text == QLatin1String("fail") || text == QLatin1String("failed"))
        return SlotStatus::Fail;
    return SlotStatus::Attention;
}

SlotSnapshot SlotModelAdapter::snapshot(int row) const
{
    SlotSnapshot s;
    s.status = parseStatus(value(row, Status));
    s.step = value(row, Step).toString();
    const QVariant percent = value(row, Percent);
    s.percent = percent.isValid() ? percent.toInt() : -1;
    const QVariant elapsed = value(row, Elapsed);
    s.elapsedMs = elapsed.isValid() ? elapsed.toLongLong() : -1;
    s.nodeId = value(row, NodeId).toString();
    s.emcmId = value(row, EmcmId).toString();
    s.meterSerial = value(row, MeterSerial).toString();
    const QVariant code = value(row, ResultCode);
    s.resultCode = code.isValid() && !code.toString().isEmpty() ? code.toInt() : -1;
    s.detail = value(row, Detail).toString();
    s.logPath = value(row, LogPath).toString();
    s.family = value(row, Family).toString();
    s.operation = value(row, Operation).toString();
    s.port = value(row, Port).toString();
    s.attention = value(row, Attention).toString();
    const QVariant run = value(row, Run);
    if (run.canConvert<engine::StationSnapshot>()) {
        const auto r = run.value<engine::StationSnapshot>();
        s.stepKind = r.stepKind;
        s.stepIndex = r.stepIndex;
        s.stepCount = r.stepCount;
        s.stepStartedMs = r.stepStartedMs;
        s.waitLimitMs = r.waitLimitMs;
        s.cause = r.cause;
        s.causeFacts = r.causeFacts;
        s.runId = r.runId;
    }
    return s;
}

void SlotModelAdapter::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        Q_EMIT rowChanged(row);
}

} // namespace prov::gui
