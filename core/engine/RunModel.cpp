#include "engine/RunModel.h"

#include "domain/ResultCode.h"

namespace prov::engine {

int RunModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const RunSnapshot &s = m_rows.at(index.row());
    switch (role) {
    case SnapshotRole:
        return QVariant::fromValue(s);
    case PercentRole:
        return s.percent;
    case ResultCodeRole:
        return s.resultCode;
    case StateRole:
        return int(s.state);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Port:
        return s.port;
    case Meter:
        return s.meter;
    case Operation:
        return s.operation;
    case State:
        return RunSnapshot::stateName(s.state);
    case Step:
        return s.stepCount > 0 && s.stepIndex > 0
            ? QStringLiteral("%1/%2 %3").arg(s.stepIndex).arg(s.stepCount).arg(s.step)
            : s.step;
    case Progress:
        return s.percent;
    case NodeId:
        return s.nodeId;
    case EmcmId:
        return s.emcmId;
    case Elapsed:
        return QStringLiteral("%1 s").arg(double(s.elapsedMs) / 1000.0, 0, 'f', 1);
    case Result:
        if (s.resultCode < 0)
            return QString();
        return QStringLiteral("%1 %2").arg(s.resultCode).arg(ResultCatalogue::message(ResultCode(s.resultCode)));
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const kHeaders[] = {QT_TR_NOOP("Port"), QT_TR_NOOP("Meter"), QT_TR_NOOP("Operation"),
        QT_TR_NOOP("State"), QT_TR_NOOP("Step"), QT_TR_NOOP("Progress"), QT_TR_NOOP("Node ID"), QT_TR_NOOP("eMCM ID"),
        QT_TR_NOOP("Elapsed"), QT_TR_NOOP("Result")};
    if (section < 0 || section >= ColumnCount)
        return {};
    return tr(kHeaders[section]);
}

QHash<int, QByteArray> RunModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractTableModel::roleNames();
    roles.insert(SnapshotRole, "snapshot");
    roles.insert(PercentRole, "percent");
    roles.insert(ResultCodeRole, "resultCode");
    roles.insert(StateRole, "state");
    return roles;
}

void RunModel::update(const RunSnapshot &snapshot)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).slot == snapshot.slot) {
            m_rows[row] = snapshot;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(snapshot);
    endInsertRows();
}

} // namespace prov::engine
