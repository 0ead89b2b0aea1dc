// screengrab: saves one X11 window (or the whole screen) as a PNG, for
// scripts/take-screenshots.sh. It grabs what the X server shows (a real
// xcb client, not the offscreen platform), so fonts, style and window
// contents are what a user would see.
//
// Usage: screengrab [--window ID] [--crop WxH+X+Y] [--max-width PX] OUT.png
//   --window ID     X window id (decimal or 0x hex, as xdotool prints it); default: the root window
//   --crop WxH+X+Y  only this rectangle of it (a window with its dialogs on top: crop the root)
//   --max-width PX  scale down (smoothly) to at most PX wide
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QImage>
#include <QPixmap>
#include <QRegularExpression>
#include <QScreen>

#include <cstdio>

int main(int argc, char *argv[])
{
    // A grab of another client's window needs the real X server.
    qputenv("QT_QPA_PLATFORM", "xcb");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Saves an X11 window as a PNG."));
    parser.addHelpOption();
    const QCommandLineOption windowOption(
        QStringLiteral("window"), QStringLiteral("X window id (default: the root window)."), QStringLiteral("ID"));
    const QCommandLineOption widthOption(
        QStringLiteral("max-width"), QStringLiteral("Scale down to at most PX wide."), QStringLiteral("PX"));
    const QCommandLineOption cropOption(
        QStringLiteral("crop"), QStringLiteral("Only this rectangle (WxH+X+Y)."), QStringLiteral("GEOMETRY"));
    parser.addOptions({windowOption, widthOption, cropOption});
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("The PNG to write."));
    parser.process(app);
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "screengrab: give one output file\n");
        return 3;
    }
    bool ok = true;
    WId window = 0;
    if (parser.isSet(windowOption)) {
        window = WId(parser.value(windowOption).toULongLong(&ok, 0));
        if (!ok) {
            std::fprintf(
                stderr, "screengrab: --window %s is not a window id\n", qPrintable(parser.value(windowOption)));
            return 3;
        }
    }
    QScreen *screen = QGuiApplication::primaryScreen();
    if (!screen) {
        std::fprintf(stderr, "screengrab: no screen (is DISPLAY set?)\n");
        return 2;
    }
    QImage image = screen->grabWindow(window).toImage();
    if (image.isNull()) {
        std::fprintf(stderr, "screengrab: window %s could not be grabbed\n", qPrintable(parser.value(windowOption)));
        return 2;
    }
    if (parser.isSet(cropOption)) {
        static const QRegularExpression geometry(QStringLiteral("^(\\d+)x(\\d+)\\+(\\d+)\\+(\\d+)$"));
        const QRegularExpressionMatch m = geometry.match(parser.value(cropOption));
        if (!m.hasMatch()) {
            std::fprintf(stderr, "screengrab: --crop %s is not WxH+X+Y\n", qPrintable(parser.value(cropOption)));
            return 3;
        }
        image = image.copy(m.captured(3).toInt(), m.captured(4).toInt(), m.captured(1).toInt(), m.captured(2).toInt());
    }
    const int maxWidth = parser.value(widthOption).toInt();
    if (maxWidth > 0 && image.width() > maxWidth)
        image = image.scaledToWidth(maxWidth, Qt::SmoothTransformation);
    image = image.convertToFormat(QImage::Format_RGB32);
    const QString out = parser.positionalArguments().constFirst();
    if (!image.save(out, "PNG", 9)) {
        std::fprintf(stderr, "screengrab: cannot write %s\n", qPrintable(out));
        return 2;
    }
    return 0;
}
