// Draws ProvStation's icons as PNG files into the folder given on the command
// line. The PNGs are committed (Debian's Qt has no SVG image plugin installed by
// default); this program is their source: edit it and run the
// `provstation-make-icons` target to redraw them.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include <cstdio>
#include <functional>

namespace {

const QColor kBlue(0x00, 0x72, 0xb2);
const QColor kGreen(0x00, 0x9e, 0x73);
const QColor kVermillion(0xd5, 0x5e, 0x00);
const QColor kOrange(0xe6, 0x9f, 0x00);
const QColor kSlate(0x5f, 0x6b, 0x73);
const QColor kInk(0x20, 0x20, 0x20);

bool save(const QString &dir, const QString &name, int size, const std::function<void(QPainter &)> &draw)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.scale(size / 64.0, size / 64.0);
    draw(p);
    p.end();
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!image.save(path)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

QPen pen(const QColor &c, qreal w)
{
    QPen p(c, w);
    p.setCapStyle(Qt::RoundCap);
    p.setJoinStyle(Qt::RoundJoin);
    return p;
}

QPolygonF octagon(QPointF c, qreal r)
{
    QPolygonF poly;
    for (int i = 0; i < 8; ++i) {
        const qreal a = qDegreesToRadians(22.5 + 45.0 * i);
        poly << QPointF(c.x() + r * qCos(a), c.y() + r * qSin(a));
    }
    return poly;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: provstation-make-icons OUTPUT_DIR\n");
        return 3;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    bool ok = true;

    // Status icons sit on their coloured band: white shapes, each a different
    // outline (ring, circle, octagon, triangle) so they differ without colour.
    ok &= save(out, QStringLiteral("status-idle"), 64, [](QPainter &p) {
        p.setPen(pen(Qt::white, 6));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(32, 32), 24, 24);
        p.drawLine(QPointF(22, 32), QPointF(42, 32));
    });
    ok &= save(out, QStringLiteral("status-running"), 64, [](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawEllipse(QPointF(32, 32), 28, 28);
        p.setBrush(kBlue);
        p.drawPolygon(QPolygonF({QPointF(25, 17), QPointF(49, 32), QPointF(25, 47)}));
    });
    ok &= save(out, QStringLiteral("status-pass"), 64, [](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawEllipse(QPointF(32, 32), 28, 28);
        p.setPen(pen(kGreen, 8));
        p.drawPolyline(QPolygonF({QPointF(18, 33), QPointF(28, 43), QPointF(47, 22)}));
    });
    ok &= save(out, QStringLiteral("status-fail"), 64, [](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(Qt::white);
        p.drawPolygon(octagon(QPointF(32, 32), 30));
        p.setPen(pen(kVermillion, 8));
        p.drawLine(QPointF(21, 21), QPointF(43, 43));
        p.drawLine(QPointF(43, 21), QPointF(21, 43));
    });
    ok &= save(out, QStringLiteral("status-attention"), 64, [](QPainter &p) {
        p.setPen(pen(kInk, 3));
        p.setBrush(Qt::white);
        p.drawPolygon(QPolygonF({QPointF(32, 5), QPointF(60, 57), QPointF(4, 57)}));
        p.setPen(pen(kInk, 7));
        p.drawLine(QPointF(32, 22), QPointF(32, 39));
        p.setPen(Qt::NoPen);
        p.setBrush(kInk);
        p.drawEllipse(QPointF(32, 49), 4.2, 4.2);
    });

    // Buttons.
    ok &= save(out, QStringLiteral("start"), 64, [](QPainter &p) {
        p.setPen(pen(kGreen.darker(120), 3));
        p.setBrush(kGreen);
        p.drawPolygon(QPolygonF({QPointF(16, 8), QPointF(56, 32), QPointF(16, 56)}));
    });
    ok &= save(out, QStringLiteral("start-all"), 64, [](QPainter &p) {
        p.setPen(pen(kGreen.darker(120), 3));
        p.setBrush(kGreen);
        p.drawPolygon(QPolygonF({QPointF(6, 10), QPointF(32, 32), QPointF(6, 54)}));
        p.drawPolygon(QPolygonF({QPointF(30, 10), QPointF(58, 32), QPointF(30, 54)}));
    });
    ok &= save(out, QStringLiteral("stop"), 64, [](QPainter &p) {
        p.setPen(pen(kVermillion.darker(120), 3));
        p.setBrush(kVermillion);
        p.drawRoundedRect(QRectF(12, 12, 40, 40), 5, 5);
    });
    ok &= save(out, QStringLiteral("retry"), 64, [](QPainter &p) {
        p.setPen(pen(kBlue, 7));
        p.setBrush(Qt::NoBrush);
        p.drawArc(QRectF(12, 12, 40, 40), 60 * 16, 290 * 16);
        p.setPen(Qt::NoPen);
        p.setBrush(kBlue);
        p.drawPolygon(QPolygonF({QPointF(36, 2), QPointF(50, 14), QPointF(33, 22)}));
    });
    ok &= save(out, QStringLiteral("log"), 64, [](QPainter &p) {
        p.setPen(pen(kInk, 3));
        p.setBrush(Qt::white);
        p.drawPolygon(QPolygonF({QPointF(12, 4), QPointF(40, 4), QPointF(52, 16), QPointF(52, 60), QPointF(12, 60)}));
        p.setPen(pen(kSlate, 4));
        for (int y : {22, 31, 40, 49})
            p.drawLine(QPointF(20, y), QPointF(44, y));
    });
    ok &= save(out, QStringLiteral("settings"), 64, [](QPainter &p) {
        p.setPen(pen(kSlate, 5));
        for (int y : {14, 32, 50})
            p.drawLine(QPointF(8, y), QPointF(56, y));
        p.setPen(pen(kInk, 3));
        p.setBrush(Qt::white);
        p.drawEllipse(QPointF(22, 14), 7, 7);
        p.drawEllipse(QPointF(42, 32), 7, 7);
        p.drawEllipse(QPointF(28, 50), 7, 7);
    });
    ok &= save(out, QStringLiteral("server"), 64, [](QPainter &p) {
        p.setPen(pen(kInk, 3));
        p.setBrush(QColor(0xdd, 0xe3, 0xe8));
        for (int y : {6, 24, 42})
            p.drawRoundedRect(QRectF(8, y, 48, 15), 4, 4);
        p.setPen(Qt::NoPen);
        p.setBrush(kGreen);
        for (int y : {13, 31, 49})
            p.drawEllipse(QPointF(47, y + 0.5), 3, 3);
    });
    ok &= save(out, QStringLiteral("scan"), 64, [](QPainter &p) {
        p.setPen(Qt::NoPen);
        p.setBrush(kInk);
        const int widths[] = {3, 1, 2, 1, 3, 2, 1, 1, 3, 1, 2, 2, 1, 3};
        qreal x = 6;
        for (int i = 0; i < 14; ++i) {
            if (i % 2 == 0)
                p.drawRect(QRectF(x, 10, widths[i] * 2.2, 44));
            x += widths[i] * 2.2 + 1.2;
        }
        p.setPen(pen(kVermillion, 3));
        p.drawLine(QPointF(2, 32), QPointF(62, 32));
    });
    ok &= save(out, QStringLiteral("login"), 64, [](QPainter &p) {
        p.setPen(pen(kInk, 3));
        p.setBrush(QColor(0xdd, 0xe3, 0xe8));
        p.drawEllipse(QPointF(32, 20), 12, 12);
        QPainterPath body;
        body.moveTo(10, 58);
        body.cubicTo(10, 34, 54, 34, 54, 58);
        body.closeSubpath();
        p.drawPath(body);
    });
    // The application: a meter face with radio waves. The window uses the
    // 256-pixel one; the desktop gets it in the hicolor theme's smaller sizes
    // too, each drawn at its size (installer/CMakeLists.txt installs them).
    const auto application = [](QPainter &p) {
        p.setPen(pen(kInk, 2.5));
        p.setBrush(QColor(0xf4, 0xf6, 0xf8));
        p.drawRoundedRect(QRectF(6, 14, 40, 46), 6, 6);
        p.setBrush(Qt::white);
        p.drawEllipse(QPointF(26, 34), 13, 13);
        p.setPen(pen(kVermillion, 2.5));
        p.drawLine(QPointF(26, 34), QPointF(33, 27));
        p.setPen(pen(kGreen, 2));
        p.setBrush(kGreen);
        p.drawRect(QRectF(14, 51, 24, 4));
        p.setPen(pen(kBlue, 3.5));
        p.setBrush(Qt::NoBrush);
        for (int r : {8, 15, 22})
            p.drawArc(QRectF(46 - r, 14 - r, 2 * r, 2 * r), -10 * 16, 100 * 16);
    };
    ok &= save(out, QStringLiteral("provstation"), 256, application);
    for (int size : {16, 24, 32, 48, 64, 128}) {
        const QString dir = QStringLiteral("hicolor/%1x%1/apps").arg(size);
        ok &= QDir(out).mkpath(dir) && save(out, dir + QStringLiteral("/provstation"), size, application);
    }
    return ok ? 0 : 1;
}
