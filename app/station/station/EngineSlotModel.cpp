#include "station/EngineSlotModel.h"

namespace prov::gui {

namespace {

QString statusOf(engine::StationSnapshot::State state)
{
    using State = engine::StationSnapshot::State;
    switch (state) {
    case State::Succeeded:
        return QStringLiteral("pass");
    case State::Failed:
        return QStringLiteral("fail");
    case State::Idle: // a station that has not begun yet: its run was asked for
    case State::Preparing:
    case State::Running:
    case State::Finishing:
        break;
    }
    return QStringLiteral("running");
}

} // namespace

EngineSlotModel::EngineSlotModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int EngineSlotModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant EngineSlotModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const engine::StationSnapshot &s = r.snapshot;
    switch (role) {
    case Qt::DisplayRole:
    case StatusRole:
        return r.status;
    case StepRole:
        // A passed run's last step says nothing; a failed run's says where it stopped.
        return r.status == QLatin1String("pass") ? QString() : s.step;
    case PercentRole:
        return r.status == QLatin1String("idle") ? QVariant() : QVariant(s.percent);
    case ElapsedRole:
        return r.status == QLatin1String("idle") ? QVariant() : QVariant(s.elapsedMs);
    case NodeIdRole:
        return s.nodeId;
    case EmcmIdRole:
        return s.emcmId;
    case MeterSerialRole:
        return s.meterId;
    case ResultCodeRole:
        return s.resultCode >= 0 && !isRunning(index.row()) ? QVariant(s.resultCode) : QVariant();
    case DetailRole:
        return s.message;
    case LogPathRole:
        return s.logPath;
    case FamilyRole:
        return r.family;
    case OperationRole:
        return r.operation;
    case PortRole:
        return r.port;
    case AttentionRole:
        return r.status == QLatin1String("stopped")
            ? tr("Stopped by the operator: check the device, then start it again.")
            : QString();
    case RunRole:
        return QVariant::fromValue(s);
    default:
        return {};
    }
}

QHash<int, QByteArray> EngineSlotModel::roleNames() const
{
    return {{StatusRole, "status"}, {StepRole, "step"}, {PercentRole, "percent"}, {ElapsedRole, "elapsedMs"},
        {NodeIdRole, "nodeId"}, {EmcmIdRole, "emcmId"}, {MeterSerialRole, "meterSerial"},
        {ResultCodeRole, "resultCode"}, {DetailRole, "detail"}, {LogPathRole, "logPath"}, {FamilyRole, "family"},
        {OperationRole, "operation"}, {PortRole, "port"}, {AttentionRole, "attention"}, {RunRole, "run"}};
}

void EngineSlotModel::setSlots(const QList<SlotSetup> &setups)
{
    beginResetModel();
    QList<Row> rows;
    for (int i = 0; i < int(setups.size()); ++i) {
        const SlotSetup &setup = setups.at(i);
        const bool running = isRunning(i);
        // The same slot on a re-plugged adapter (another port) is still the same slot.
        SlotSetup samePort = setup;
        samePort.port = i < m_rows.size() ? m_rows.at(i).setup.port : QString();
        const bool keep = i < m_rows.size() && (running || m_rows.at(i).setup == samePort);
        Row row = keep ? m_rows.at(i) : Row();
        if (!keep) {
            row.family = setup.family;
            row.operation = setup.operation;
        }
        if (!running)
            row.port = setup.port;
        row.setup = setup;
        rows.append(row);
    }
    m_rows = rows;
    endResetModel();
}

void EngineSlotModel::markStarting(int slot, const QString &family, const QString &operation, const QString &port)
{
    if (slot < 0 || slot >= m_rows.size())
        return;
    Row &r = m_rows[slot];
    r.status = QStringLiteral("running");
    r.stopping = false;
    r.snapshot = engine::StationSnapshot();
    r.snapshot.slot = slot;
    r.snapshot.step = QStringLiteral("Starting"); // like the engine's step names: not translated
    r.snapshot.stepKind = r.snapshot.step;
    r.family = family;
    r.operation = operation;
    r.port = port;
    changed(slot);
}

void EngineSlotModel::markStopping(int slot)
{
    if (isRunning(slot))
        m_rows[slot].stopping = true;
}

void EngineSlotModel::markFailed(int slot, const Error &error)
{
    if (slot < 0 || slot >= m_rows.size())
        return;
    Row &r = m_rows[slot];
    r.status = QStringLiteral("fail");
    r.snapshot.state = engine::StationSnapshot::State::Failed;
    r.snapshot.resultCode = int(error.code);
    r.snapshot.message = error.message;
    r.snapshot.cause = CauseCatalogue::id(error.cause);
    r.snapshot.causeFacts = error.facts;
    r.snapshot.step.clear();
    changed(slot);
}

void EngineSlotModel::update(const engine::StationSnapshot &snapshot)
{
    const int slot = snapshot.slot;
    if (slot < 0 || slot >= m_rows.size())
        return;
    Row &r = m_rows[slot];
    QString status = statusOf(snapshot.state);
    // Not the device's failure: SlotModelAdapter reads "stopped" as needs-attention.
    if (r.stopping && snapshot.state == engine::StationSnapshot::State::Failed)
        status = QStringLiteral("stopped");
    r.snapshot = snapshot;
    r.status = status;
    r.port = snapshot.port;
    r.family = snapshot.meter;
    r.operation = snapshot.operation;
    changed(slot);
}

bool EngineSlotModel::isRunning(int slot) const
{
    return slot >= 0 && slot < m_rows.size() && m_rows.at(slot).status == QLatin1String("running");
}

void EngineSlotModel::changed(int slot)
{
    const QModelIndex i = index(slot, 0);
    emit dataChanged(i, i);
}

} // namespace prov::gui
