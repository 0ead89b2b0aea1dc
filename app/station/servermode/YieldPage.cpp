#include "servermode/YieldPage.h"

#include "domain/ResultCode.h"
#include "slots/StepNames.h"
#include "support/ApiClient.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFontMetrics>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QToolTip>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <functional>

namespace prov::gui {

namespace {

constexpr int kParetoBars = 10; ///< the most frequent causes; the rest would not be read
constexpr int kCategoryWidth = 220; ///< px for a Pareto bar's name: the bars keep the larger part

QChartView *chartView(QChart *chart, QWidget *parent)
{
    chart->legend()->setVisible(false);
    chart->setAnimationOptions(QChart::NoAnimation);
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

/// A step for a count axis from 0 to `most`: a whole number of 1, 2 or 5
/// times a power of ten, at most six ticks (no tick between two counts).
qint64 countStep(qint64 most)
{
    qint64 power = 1;
    while (true) {
        for (const qint64 factor : {1, 2, 5}) {
            if (most <= 5 * factor * power)
                return factor * power;
        }
        power *= 10;
    }
}

/// Horizontal bars, most frequent first at the top: a Pareto of `counts`,
/// each bar named by `name(key)` (cut to the axis' room; the whole name in
/// the bar's tooltip). No failures: the chart says so in its title and draws
/// nothing.
void showPareto(
    QChart *chart, const QString &title, const QJsonObject &counts, const std::function<QString(const QString &)> &name)
{
    clearChart(chart);
    chart->setTitle(counts.isEmpty() ? YieldPage::tr("%1: none in this period").arg(title) : title);
    if (counts.isEmpty())
        return;
    QList<QPair<QString, qint64>> entries;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        entries.append({name(it.key()), it.value().toInteger()});
    std::stable_sort(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    entries = entries.mid(0, kParetoBars);
    std::reverse(entries.begin(), entries.end()); // the axis draws its first category at the bottom
    auto *set = new QBarSet(QString());
    auto *names = new QBarCategoryAxis;
    const QFontMetrics metrics(names->labelsFont());
    QStringList categories;
    QStringList whole;
    qint64 most = 0;
    for (const auto &[text, count] : entries) {
        *set << double(count);
        categories << metrics.elidedText(text, Qt::ElideRight, kCategoryWidth);
        whole << text;
        most = qMax(most, count);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    QObject::connect(series, &QHorizontalBarSeries::hovered, series, [whole](bool on, int index) {
        if (on && index >= 0 && index < whole.size())
            QToolTip::showText(QCursor::pos(), whole.at(index));
        else
            QToolTip::hideText();
    });
    chart->addSeries(series);
    names->append(categories);
    chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto *values = new QValueAxis;
    const qint64 top = qMax<qint64>(1, most);
    const qint64 step = countStep(top);
    values->setRange(0, double((top + step - 1) / step * step));
    values->setTickType(QValueAxis::TicksDynamic);
    values->setTickAnchor(0);
    values->setTickInterval(double(step));
    values->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
}

} // namespace

YieldPage::YieldPage(ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_period(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_station(new QLineEdit(this))
    , m_refresh(new QPushButton(this))
    , m_periodLabel(new QLabel(this))
    , m_stationLabel(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_status(new QLabel(this))
    , m_byResult(new QChart)
    , m_byStep(new QChart)
    , m_cycle(new QChart)
{
    setObjectName(QStringLiteral("yieldPage"));
    m_period->setObjectName(QStringLiteral("period"));
    m_from->setObjectName(QStringLiteral("from"));
    m_to->setObjectName(QStringLiteral("to"));
    m_station->setObjectName(QStringLiteral("station"));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_refresh->setObjectName(QStringLiteral("refresh"));
    for (int i = 0; i <= int(Period::Custom); ++i)
        m_period->addItem(QString(), i);
    m_period->setCurrentIndex(int(Period::Today));
    const QDateTime now = QDateTime::currentDateTime();
    m_from->setDateTime(QDateTime(now.date(), QTime(0, 0)));
    m_to->setDateTime(now);
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_station->setClearButtonEnabled(true);
    QFont bigger = m_summary->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.2);
    m_summary->setFont(bigger);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);

    auto *chooser = new QHBoxLayout;
    chooser->addWidget(m_periodLabel);
    chooser->addWidget(m_period);
    chooser->addWidget(m_from);
    chooser->addWidget(m_to);
    chooser->addSpacing(12);
    chooser->addWidget(m_stationLabel);
    chooser->addWidget(m_station);
    chooser->addWidget(m_refresh);
    chooser->addStretch();
    auto *charts = new QGridLayout;
    charts->addWidget(chartView(m_byResult, this), 0, 0);
    charts->addWidget(chartView(m_byStep, this), 0, 1);
    charts->addWidget(chartView(m_cycle, this), 1, 0, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(chooser);
    layout->addWidget(m_summary);
    layout->addLayout(charts, 1);
    layout->addWidget(m_status);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        updateCustomFields();
        refresh();
    });
    connect(m_refresh, &QPushButton::clicked, this, &YieldPage::refresh);
    connect(m_station, &QLineEdit::returnPressed, this, &YieldPage::refresh);
    updateCustomFields();
    retranslate();
}

void YieldPage::retranslate()
{
    const QStringList periods {tr("Last 8 hours"), tr("Today"), tr("Last 7 days"), tr("Last 30 days"), tr("Custom")};
    for (int i = 0; i < int(periods.size()); ++i)
        m_period->setItemText(i, periods.at(i));
    m_periodLabel->setText(tr("Period"));
    m_stationLabel->setText(tr("Station"));
    m_station->setPlaceholderText(tr("all stations"));
    m_refresh->setText(tr("Refresh"));
    m_cycle->setTitle(tr("Cycle time of passed runs per flow (s)"));
    showFigures();
}

void YieldPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void YieldPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void YieldPage::setPeriod(Period period)
{
    m_period->setCurrentIndex(int(period));
}

void YieldPage::setStation(const QString &station)
{
    m_station->setText(station);
}

void YieldPage::updateCustomFields()
{
    const bool custom = m_period->currentIndex() == int(Period::Custom);
    m_from->setVisible(custom);
    m_to->setVisible(custom);
}

QString YieldPage::summaryText() const
{
    return m_summary->text();
}

QString YieldPage::statusText() const
{
    return m_status->text();
}

void YieldPage::refresh()
{
    const QDateTime now = QDateTime::currentDateTime();
    QDateTime from;
    QDateTime to = now;
    switch (static_cast<Period>(m_period->currentIndex())) {
    case Period::LastEightHours:
        from = now.addSecs(-8 * 3600);
        break;
    case Period::Today:
        from = QDateTime(now.date(), QTime(0, 0));
        break;
    case Period::LastSevenDays:
        from = now.addDays(-7);
        break;
    case Period::LastThirtyDays:
        from = now.addDays(-30);
        break;
    case Period::Custom:
        from = m_from->dateTime();
        to = m_to->dateTime();
        break;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("from"), from.toUTC().toString(Qt::ISODate));
    query.addQueryItem(QStringLiteral("to"), to.toUTC().toString(Qt::ISODate));
    if (const QString station = m_station->text().trimmed(); !station.isEmpty())
        query.addQueryItem(QStringLiteral("station"), station);
    QNetworkReply *reply = m_api->get(QStringLiteral("/yield"), query);
    const quint64 request = m_latestRequest.begin();
    m_api->whenFinished(reply, this, [this, request](const Result<ApiResponse> &result) {
        if (!m_latestRequest.isLatest(request))
            return;
        if (!result) {
            const QString code = result.error().context;
            const bool missing = code == QLatin1String("not_found") || code == QLatin1String("http-404");
            m_status->setText(missing ? tr("This server does not report yield.")
                                      : tr("Cannot read the yield: %1").arg(result.error().message));
            return;
        }
        m_figures = result->json.object();
        m_status->setText(tr("Updated %1").arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat)));
        showFigures();
        Q_EMIT refreshed();
    });
}

void YieldPage::showFigures()
{
    if (m_figures.isEmpty()) {
        m_summary->setText(tr("No figures yet."));
        m_byResult->setTitle(tr("Failures by result code"));
        m_byStep->setTitle(tr("Failures by step"));
        return;
    }
    const auto integer = [this](const char *key) {
        return QLocale().toString(m_figures.value(QLatin1String(key)).toInteger());
    };
    const auto percent = [this](const char *key) {
        const QJsonValue v = m_figures.value(QLatin1String(key));
        return v.isDouble() ? QStringLiteral("%1 %").arg(QLocale().toString(v.toDouble() * 100.0, 'f', 1))
                            : QStringLiteral("\u2013");
    };
    const QJsonValue perHour = m_figures.value(QLatin1String("unitsPerHour"));
    m_summary->setText(
        tr("Runs %1 \u00b7 Devices %2 \u00b7 Passed %3 \u00b7 Failed %4 \u00b7 Station faults %5\n"
           "First-pass yield %6 \u00b7 Final yield %7 \u00b7 %8 units/h")
            .arg(integer("runs"), integer("devices"), integer("passed"), integer("failed"), integer("stationFaults"),
                percent("firstPassYield"), percent("finalYield"),
                perHour.isDouble() ? QLocale().toString(perHour.toDouble(), 'f', 1) : QStringLiteral("\u2013")));
    showPareto(m_byResult, tr("Failures by result code"), m_figures.value(QLatin1String("byResult")).toObject(),
        [](const QString &key) {
            const int code = key.toInt();
            return ResultCatalogue::isKnown(code)
                ? QStringLiteral("%1 %2").arg(key, ResultCatalogue::message(ResultCode(code)))
                : key;
        });
    showPareto(m_byStep, tr("Failures by step"), m_figures.value(QLatin1String("byStep")).toObject(),
        [](const QString &key) { return key.isEmpty() ? tr("(no step)") : StepNames::text(key); });

    clearChart(m_cycle);
    auto *median = new QBarSet(tr("median"));
    auto *p90 = new QBarSet(tr("90 %"));
    auto *longest = new QBarSet(tr("longest"));
    QStringList flows;
    double most = 1;
    for (const QJsonValue &value : m_figures.value(QLatin1String("cycleTimes")).toArray()) {
        const QJsonObject flow = value.toObject();
        flows << QStringLiteral("%1 %2").arg(
            flow.value(QLatin1String("meter")).toString(), flow.value(QLatin1String("operation")).toString());
        *median << flow.value(QLatin1String("medianMs")).toDouble() / 1000.0;
        *p90 << flow.value(QLatin1String("p90Ms")).toDouble() / 1000.0;
        *longest << flow.value(QLatin1String("maxMs")).toDouble() / 1000.0;
        most = qMax(most, flow.value(QLatin1String("maxMs")).toDouble() / 1000.0);
    }
    auto *series = new QBarSeries;
    series->append({median, p90, longest});
    m_cycle->addSeries(series);
    m_cycle->legend()->setVisible(true);
    auto *names = new QBarCategoryAxis;
    names->append(flows);
    m_cycle->addAxis(names, Qt::AlignBottom);
    series->attachAxis(names);
    auto *seconds = new QValueAxis;
    seconds->setRange(0, most);
    seconds->applyNiceNumbers();
    m_cycle->addAxis(seconds, Qt::AlignLeft);
    series->attachAxis(seconds);
}

} // namespace prov::gui
