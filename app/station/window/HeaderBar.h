#pragma once

#include "domain/Result.h"
#include "settings/UserSession.h"
#include "slots/ShiftCounters.h"

#include <QFrame>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace prov::gui {

/// A configuration as the server lists it; the operator picks it by alias.
struct ConfigChoice
{
    QString alias;
    QString configId; ///< "0x..."
    QString appLabel;
};

/// The station window's header: operator, configuration, batch, operation,
/// server connection, outbox, shift counters, and a message line for what
/// concerns the whole station (a refused scan with no slot, the keychain
/// fallback).
class HeaderBar : public QFrame
{
    Q_OBJECT

public:
    explicit HeaderBar(QWidget *parent = nullptr);

    void setStationName(const QString &name);
    void setSession(const UserSession &session);
    void setConfigurations(const QList<ConfigChoice> &choices);
    void setCurrentConfig(const QString &alias);
    [[nodiscard]] QString currentConfig() const;
    void setBatchText(const QString &text);
    [[nodiscard]] QString batchText() const;
    /// The batch field parsed with BatchNumber's strtoul rules.
    [[nodiscard]] Result<quint32> batch() const;
    void setOperations(const QStringList &operations);
    void setCurrentOperation(const QString &operation);
    [[nodiscard]] QString currentOperation() const;
    /// Who may change configuration, batch and operation.
    void setJobEditable(bool editable);
    void setServerState(bool reachable, const QString &detail);
    void setOutboxPending(int pending);
    /// `local`: counted by this window (the server's figures are not available).
    void setShiftCounts(const RunCounts &counts, double unitsPerHour, bool local = false);
    void setMessage(const QString &text, bool warning);
    [[nodiscard]] QString message() const;
    [[nodiscard]] QString serverText() const;
    [[nodiscard]] QString countsText() const;

Q_SIGNALS:
    void configChosen(const QString &alias);
    void batchEdited(const QString &text);
    void operationChosen(const QString &operation);
    void loginRequested();
    void logoutRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void validateBatch();
    void refreshDynamicTexts();

    UserSession m_session;
    bool m_reachable = false;
    bool m_reachabilityKnown = false;
    QString m_serverDetail;
    int m_outbox = 0;
    RunCounts m_shiftCounts;
    bool m_countsLocal = false;
    double m_unitsPerHour = 0;

    QLabel *m_station;
    QLabel *m_operatorLabel;
    QLabel *m_operator;
    QToolButton *m_login;
    QLabel *m_configLabel;
    QComboBox *m_config;
    QLabel *m_batchLabel;
    QLineEdit *m_batch;
    QLabel *m_operationLabel;
    QComboBox *m_operation;
    QLabel *m_server;
    QLabel *m_outboxLabel;
    QLabel *m_counts;
    QLabel *m_message;
};

} // namespace prov::gui
