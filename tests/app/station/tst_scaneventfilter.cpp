#include "scan/ScanEventFilter.h"

#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace prov::gui;
using namespace Qt::StringLiterals;

/// The app-wide scanner filter with real widgets and key events: a scanner is
/// a burst of keys a few ms apart; a person types tens of ms apart.
class TestScanEventFilter : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QWidget> m_window;
    QLineEdit *m_edit = nullptr;
    QPushButton *m_button = nullptr;
    std::unique_ptr<ScanEventFilter> m_filter;

    /// A scanner: every key at once (well under maxInterKeyMs), then Enter.
    static void scannerBurst(QWidget *target, const QString &text, Qt::Key terminator = Qt::Key_Return)
    {
        for (const QChar c : text)
            QTest::keyClick(target, c.toLatin1());
        QTest::keyClick(target, terminator);
    }

    /// A person: 70 ms between keys.
    static void typeSlowly(QWidget *target, const QString &text)
    {
        for (const QChar c : text) {
            QTest::keyClick(target, c.toLatin1());
            QTest::qWait(70);
        }
    }

    [[nodiscard]] QWidget *keyTarget() const
    {
        return QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get();
    }

private Q_SLOTS:
    void init()
    {
        m_window = std::make_unique<QWidget>();
        auto *layout = new QVBoxLayout(m_window.get());
        m_edit = new QLineEdit(m_window.get());
        m_button = new QPushButton(u"Start"_s, m_window.get());
        layout->addWidget(m_edit);
        layout->addWidget(m_button);
        m_window->show();
        QApplication::setActiveWindow(m_window.get());
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_filter = std::make_unique<ScanEventFilter>();
        qApp->installEventFilter(m_filter.get());
    }

    void cleanup()
    {
        qApp->removeEventFilter(m_filter.get());
        m_filter.reset();
        m_window.reset();
    }

    void scanWithoutAFocusedField()
    {
        m_window->setFocus();
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        scannerBurst(keyTarget(), u"SLOT-3"_s);
        QCOMPARE(scanned.size(), 1);
        QCOMPARE(scanned.at(0).at(0).toString(), u"SLOT-3"_s);
        scannerBurst(keyTarget(), u"SN:123456"_s, Qt::Key_Tab);
        QCOMPARE(scanned.size(), 2);
        QCOMPARE(scanned.at(1).at(0).toString(), u"SN:123456"_s);
    }

    void scanKeysDoNotLeakIntoTheFocusedField()
    {
        m_edit->setFocus();
        QCOMPARE(QApplication::focusWidget(), m_edit);
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
        scannerBurst(m_edit, u"0013A20041B2C3D4"_s);
        QCOMPARE(scanned.size(), 1);
        QCOMPARE(scanned.at(0).at(0).toString(), u"0013A20041B2C3D4"_s);
        QTest::qWait(60); // nothing is given back later either
        QCOMPARE(m_edit->text(), QString());
        QCOMPARE(returns.size(), 0);
    }

    void ordinaryTypingIsNotAScan()
    {
        m_edit->setFocus();
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
        typeSlowly(m_edit, u"operator7"_s);
        QTest::keyClick(m_edit, Qt::Key_Return);
        QTRY_COMPARE(m_edit->text(), u"operator7"_s);
        QCOMPARE(returns.size(), 1);
        QCOMPARE(scanned.size(), 0);
    }

    void fastShortWordIsGivenBackInOrder()
    {
        m_edit->setFocus();
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        QSignalSpy returns(m_edit, &QLineEdit::returnPressed);
        // Faster than a person usually types, but too short to be a barcode.
        scannerBurst(m_edit, u"ok"_s);
        QCOMPARE(m_edit->text(), u"ok"_s);
        QCOMPARE(returns.size(), 1);
        // A lone held key comes back on its own after the burst window.
        QTest::keyClick(m_edit, 'x');
        QTRY_COMPARE(m_edit->text(), u"okx"_s);
        QCOMPARE(scanned.size(), 0);
    }

    void editingKeysAreNeverHeld()
    {
        m_edit->setFocus();
        m_edit->setText(u"abc"_s);
        QTest::keyClick(m_edit, Qt::Key_Backspace);
        QCOMPARE(m_edit->text(), u"ab"_s);
        QTest::keyClick(m_edit, 'a', Qt::ControlModifier); // select all
        QCOMPARE(m_edit->selectedText(), u"ab"_s);
    }

    void fieldThatWantsScannerText()
    {
        m_edit->setProperty(ScanEventFilter::kAcceptsScansProperty, true);
        m_edit->setFocus();
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        scannerBurst(m_edit, u"BATCH:1234"_s);
        QCOMPARE(scanned.size(), 0);
        QCOMPARE(m_edit->text(), u"BATCH:1234"_s);
    }

    void modalDialogGetsPlainKeys()
    {
        QDialog dialog(m_window.get());
        auto *field = new QLineEdit(&dialog);
        dialog.setModal(true);
        dialog.show();
        QApplication::setActiveWindow(&dialog);
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        field->setFocus();
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        scannerBurst(field, u"SLOT-12"_s);
        QCOMPARE(scanned.size(), 0);
        QCOMPARE(field->text(), u"SLOT-12"_s);
    }

    void disabledFilterPassesEverything()
    {
        m_filter->setEnabled(false);
        m_edit->setFocus();
        QSignalSpy scanned(m_filter.get(), &ScanEventFilter::scanned);
        scannerBurst(m_edit, u"SLOT-12"_s);
        QCOMPARE(scanned.size(), 0);
        QCOMPARE(m_edit->text(), u"SLOT-12"_s);
    }
};

QTEST_MAIN(TestScanEventFilter)
#include "tst_scaneventfilter.moc"
