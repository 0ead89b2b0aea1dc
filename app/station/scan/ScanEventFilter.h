#pragma once

#include "scan/KeyboardWedgeDetector.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <vector>

class QKeyEvent;
class QWidget;

namespace prov::gui {

/// Application-wide recogniser of keyboard-wedge barcode scanners, installed
/// with qApp->installEventFilter(). Key presses that may belong to a scan are
/// held back; a burst that ends in Enter or Tab fast enough becomes scanned()
/// and none of its keys reach the focused widget; anything else is given back
/// to the widget it was meant for, in order, within maxInterKeyMs.
///
/// Not recognised (keys pass untouched): while a modal dialog is open (it is
/// asking the user to type), and when the focused widget has the dynamic
/// property kAcceptsScansProperty set to true (a field that wants scanner text).
class ScanEventFilter : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kAcceptsScansProperty = "provstationAcceptsScans";

    explicit ScanEventFilter(QObject *parent = nullptr);
    ~ScanEventFilter() override;

    void setTiming(const WedgeTiming &timing);
    [[nodiscard]] WedgeTiming timing() const { return m_detector.timing(); }
    void setEnabled(bool enabled);
    [[nodiscard]] bool isEnabled() const { return m_enabled; }

Q_SIGNALS:
    void scanned(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct HeldEvent
    {
        QPointer<QObject> receiver;
        std::unique_ptr<QKeyEvent> event;
    };

    [[nodiscard]] bool isFirstReceiver(QObject *watched) const;
    [[nodiscard]] KeyboardWedgeDetector::Action classify(const QKeyEvent *key, qint64 now);
    void hold(QObject *receiver, const QKeyEvent *key);
    void giveBack();
    void checkStale();

    KeyboardWedgeDetector m_detector;
    std::vector<HeldEvent> m_held;
    QTimer m_staleTimer;
    QElapsedTimer m_clock;
    bool m_enabled = true;
    bool m_replaying = false;
    int m_swallowReleaseOf = 0; ///< the terminator of the last scan: its release is ours too
};

} // namespace prov::gui
