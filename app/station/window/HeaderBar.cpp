#include "window/HeaderBar.h"

#include "domain/BatchNumber.h"
#include "scan/ScanEventFilter.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace prov::gui {

namespace {

/// QWidget::setStyleSheet repolishes (and repaints, and may relayout the
/// window) even when the sheet is the same; the header refreshes often.
void setStyleSheetIfChanged(QWidget *widget, const QString &styleSheet)
{
    if (widget->styleSheet() != styleSheet)
        widget->setStyleSheet(styleSheet);
}

} // namespace

namespace {

/// The widest a login name is shown in the header (pixels at its enlarged font).
constexpr int kOperatorWidth = 170;

QLabel *caption(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 0.95);
    label->setFont(f);
    label->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    return label;
}

void enlarge(QWidget *widget, qreal factor, bool bold = false)
{
    QFont f = widget->font();
    f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    widget->setFont(f);
}

} // namespace

HeaderBar::HeaderBar(QWidget *parent)
    : QFrame(parent)
    , m_station(new QLabel(this))
    , m_operatorLabel(caption(this))
    , m_operator(new QLabel(this))
    , m_login(new QToolButton(this))
    , m_configLabel(caption(this))
    , m_config(new QComboBox(this))
    , m_batchLabel(caption(this))
    , m_batch(new QLineEdit(this))
    , m_operationLabel(caption(this))
    , m_operation(new QComboBox(this))
    , m_server(new QLabel(this))
    , m_outboxLabel(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("header"));
    setFrameShape(QFrame::StyledPanel);
    m_config->setObjectName(QStringLiteral("configuration"));
    m_batch->setObjectName(QStringLiteral("batch"));
    m_operation->setObjectName(QStringLiteral("operation"));
    m_server->setObjectName(QStringLiteral("serverState"));
    m_outboxLabel->setObjectName(QStringLiteral("outbox"));
    m_counts->setObjectName(QStringLiteral("shiftCounts"));
    m_message->setObjectName(QStringLiteral("message"));
    m_login->setObjectName(QStringLiteral("login"));
    m_login->setIcon(QIcon(QStringLiteral(":/provstation/icons/login.png")));
    m_login->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_login->setFocusPolicy(Qt::NoFocus);
    // A scanned batch label goes through the scan router, never into this field.
    m_batch->setMaxLength(24);
    m_config->setMinimumContentsLength(12);
    m_config->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    enlarge(m_station, 1.5, true);
    for (QWidget *w : {static_cast<QWidget *>(m_operator), static_cast<QWidget *>(m_config),
             static_cast<QWidget *>(m_batch), static_cast<QWidget *>(m_operation), static_cast<QWidget *>(m_server),
             static_cast<QWidget *>(m_outboxLabel), static_cast<QWidget *>(m_counts)})
        enlarge(w, 1.25, true);
    m_message->setWordWrap(true);
    m_message->hide();
    // Room for any batch number (ten digits) at the enlarged font: a squeezed
    // field showed "711" for batch 4711.
    m_batch->setMinimumWidth(m_batch->fontMetrics().horizontalAdvance(QString(10, QLatin1Char('8'))) + 14);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(6); // the header fits 1280 pixels in every language (tst_textfit)
    int col = 0;
    auto addPair = [&](QLabel *label, QWidget *field) {
        grid->addWidget(label, 0, col);
        grid->addWidget(field, 1, col);
        ++col;
    };
    grid->addWidget(m_station, 0, col, 2, 1);
    ++col;
    auto *operatorBox = new QWidget(this);
    auto *operatorLayout = new QHBoxLayout(operatorBox);
    operatorLayout->setContentsMargins(0, 0, 0, 0);
    operatorLayout->addWidget(m_operator);
    operatorLayout->addWidget(m_login);
    addPair(m_operatorLabel, operatorBox);
    addPair(m_configLabel, m_config);
    addPair(m_batchLabel, m_batch);
    addPair(m_operationLabel, m_operation);
    grid->setColumnStretch(col, 1);
    ++col;
    grid->addWidget(m_server, 0, col, 1, 1, Qt::AlignRight);
    grid->addWidget(m_outboxLabel, 1, col, 1, 1, Qt::AlignRight);
    ++col;
    grid->addWidget(m_counts, 0, col, 2, 1, Qt::AlignRight | Qt::AlignVCenter);

    auto *outer = new QGridLayout(this);
    outer->addLayout(grid, 0, 0);
    outer->addWidget(m_message, 1, 0);

    connect(m_login, &QToolButton::clicked, this, [this] {
        if (m_session.isValid())
            Q_EMIT logoutRequested();
        else
            Q_EMIT loginRequested();
    });
    connect(m_config, &QComboBox::activated, this,
        [this](int index) { Q_EMIT configChosen(m_config->itemData(index).toString()); });
    connect(m_operation, &QComboBox::activated, this,
        [this](int index) { Q_EMIT operationChosen(m_operation->itemText(index)); });
    connect(m_batch, &QLineEdit::editingFinished, this, [this] {
        validateBatch();
        Q_EMIT batchEdited(m_batch->text().trimmed());
    });
    connect(m_batch, &QLineEdit::textChanged, this, &HeaderBar::validateBatch);
    retranslate();
}

void HeaderBar::setStationName(const QString &name)
{
    m_station->setText(name);
}

void HeaderBar::setSession(const UserSession &session)
{
    m_session = session;
    refreshDynamicTexts();
}

void HeaderBar::setConfigurations(const QList<ConfigChoice> &choices)
{
    const QString current = currentConfig();
    m_config->clear();
    for (const ConfigChoice &choice : choices) {
        m_config->addItem(choice.alias, choice.alias);
        m_config->setItemData(
            m_config->count() - 1, QStringLiteral("%1 (%2)").arg(choice.configId, choice.appLabel), Qt::ToolTipRole);
    }
    setCurrentConfig(current);
}

void HeaderBar::setCurrentConfig(const QString &alias)
{
    if (alias.isEmpty()) {
        m_config->setCurrentIndex(-1);
        return;
    }
    int index = m_config->findData(alias);
    if (index < 0) {
        // Known from a scan or from last time, before the server's list arrived.
        m_config->addItem(alias, alias);
        index = m_config->count() - 1;
    }
    m_config->setCurrentIndex(index);
}

QString HeaderBar::currentConfig() const
{
    return m_config->currentData().toString();
}

void HeaderBar::setBatchText(const QString &text)
{
    m_batch->setText(text);
}

QString HeaderBar::batchText() const
{
    return m_batch->text().trimmed();
}

Result<quint32> HeaderBar::batch() const
{
    const Result<BatchNumber> parsed = BatchNumber::parse(batchText());
    if (!parsed)
        return parsed.error();
    return parsed->value();
}

void HeaderBar::validateBatch()
{
    const bool bad = !batchText().isEmpty() && !batch().ok();
    m_batch->setStyleSheet(bad ? QStringLiteral("border: 2px solid #d55e00;") : QString());
    m_batch->setToolTip(bad ? batch().error().message : QString());
}

void HeaderBar::setOperations(const QStringList &operations)
{
    const QString current = currentOperation();
    m_operation->clear();
    m_operation->addItems(operations);
    setCurrentOperation(current);
}

void HeaderBar::setCurrentOperation(const QString &operation)
{
    const int index = m_operation->findText(operation);
    if (index >= 0)
        m_operation->setCurrentIndex(index);
}

QString HeaderBar::currentOperation() const
{
    return m_operation->currentText();
}

void HeaderBar::setJobEditable(bool editable)
{
    m_config->setEnabled(editable);
    m_batch->setReadOnly(!editable);
    m_operation->setEnabled(editable);
}

void HeaderBar::setServerState(bool reachable, const QString &detail)
{
    m_reachabilityKnown = true;
    m_reachable = reachable;
    m_serverDetail = detail;
    refreshDynamicTexts();
}

void HeaderBar::setOutboxPending(int pending)
{
    m_outbox = pending;
    refreshDynamicTexts();
}

void HeaderBar::setShiftCounts(const RunCounts &counts, double unitsPerHour, bool local)
{
    m_shiftCounts = counts;
    m_countsLocal = local;
    m_unitsPerHour = unitsPerHour;
    refreshDynamicTexts();
}

void HeaderBar::setMessage(const QString &text, bool warning)
{
    m_message->setText(text);
    setStyleSheetIfChanged(m_message,
        warning ? QStringLiteral("background: #ffd98a; color: black; padding: 4px; "
                                 "font-weight: bold; border-radius: 3px;")
                : QStringLiteral("padding: 4px;"));
    m_message->setVisible(!text.isEmpty());
}

QString HeaderBar::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

QString HeaderBar::serverText() const
{
    return m_server->text();
}

QString HeaderBar::countsText() const
{
    return m_counts->text();
}

void HeaderBar::retranslate()
{
    m_configLabel->setText(tr("Configuration"));
    m_batchLabel->setText(tr("Batch"));
    m_operationLabel->setText(tr("Operation"));
    m_batch->setPlaceholderText(tr("scan or type"));
    m_config->setPlaceholderText(tr("pick or scan"));
    refreshDynamicTexts();
}

void HeaderBar::refreshDynamicTexts()
{
    // The role goes on the caption line, and a long login name is shortened
    // (whole in the tooltip): the header row fits 1280 pixels (tst_textfit).
    if (m_session.isValid()) {
        m_operatorLabel->setText(m_session.role == QLatin1String("operator")
                ? tr("Operator")
                : tr("Operator (%1)").arg(m_session.roleName()));
        m_operator->setText(m_operator->fontMetrics().elidedText(m_session.user, Qt::ElideMiddle, kOperatorWidth));
        m_operator->setToolTip(QStringLiteral("%1 (%2)").arg(m_session.user, m_session.roleName()));
        m_login->setText(tr("Log out"));
    } else {
        m_operatorLabel->setText(tr("Operator"));
        //: the operator field of the header when no one is logged in (beside the Log in button)
        m_operator->setText(tr("nobody"));
        m_operator->setToolTip(QString());
        m_login->setText(tr("Log in"));
    }
    if (!m_reachabilityKnown) {
        m_server->setText(tr("\u25cb Server: connecting\u2026"));
        setStyleSheetIfChanged(m_server, QString());
    } else if (m_reachable) {
        m_server->setText(tr("\u25cf Server connected"));
        setStyleSheetIfChanged(m_server, QStringLiteral("color: #00785a;"));
    } else {
        m_server->setText(tr("\u2716 Server unreachable"));
        setStyleSheetIfChanged(m_server, QStringLiteral("color: #b34700;"));
    }
    m_server->setToolTip(m_serverDetail);
    m_outboxLabel->setText(tr("Outbox: %n pending", nullptr, m_outbox));
    setStyleSheetIfChanged(m_outboxLabel, m_outbox > 0 ? QStringLiteral("color: #b34700;") : QString());
    const double fpy = m_shiftCounts.firstPassYield();
    m_counts->setText(
        (m_countsLocal ? tr("Shift: %1 passed \u00b7 %2 failed\nFPY %3 \u00b7 %4 units/h \u00b7 counted here")
                       : tr("Shift: %1 passed \u00b7 %2 failed\nFPY %3 \u00b7 %4 units/h"))
            .arg(m_shiftCounts.passed)
            .arg(m_shiftCounts.failed)
            .arg(fpy < 0 ? QStringLiteral("\u2013") : QStringLiteral("%1%").arg(fpy, 0, 'f', 1))
            .arg(m_unitsPerHour, 0, 'f', 0));
    m_counts->setToolTip(m_countsLocal
            ? tr("The server's figures for this shift are not available: these are this window's own count since it "
                 "started or since the last new shift.")
            : tr("The server's figures for this station's current shift (the same as yield in server mode)."));
}

void HeaderBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

} // namespace prov::gui
