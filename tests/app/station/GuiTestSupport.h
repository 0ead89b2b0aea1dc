#pragma once

#include <QDir>
#include <QString>
#include <QTest>
#include <QWidget>

namespace prov::test {

/// Where GUI tests save their screenshots: $PROVSTATION_SCREENSHOT_DIR, else
/// "screenshots" in the test's working directory (its build folder).
inline QString screenshotDir()
{
    const QString dir = qEnvironmentVariableIsSet("PROVSTATION_SCREENSHOT_DIR")
        ? qEnvironmentVariable("PROVSTATION_SCREENSHOT_DIR")
        : QDir::currentPath() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

/// Saves widget.grab() as <dir>/<name>.png and returns the path.
inline QString saveScreenshot(QWidget *widget, const QString &name)
{
    const QString path = screenshotDir() + QLatin1Char('/') + name + QStringLiteral(".png");
    const bool saved = widget->grab().save(path);
    if (!saved)
        qWarning("cannot save screenshot %s", qPrintable(path));
    return saved ? path : QString();
}

} // namespace prov::test
