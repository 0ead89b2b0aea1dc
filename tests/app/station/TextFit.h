#pragma once

#include "slots/SlotWidget.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QCheckBox>
#include <QComboBox>
#include <QFontMetrics>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QStyleOptionSpinBox>
#include <QTabBar>
#include <QTableWidget>
#include <QTextDocument>
#include <QToolButton>

namespace prov::test {

/// Finds the texts a window shows that need more room than they have: labels
/// (one line: their advance against the contents rect; word-wrapped: their
/// height for the width), buttons, check boxes, combo boxes, spin boxes and
/// line edits (the text against the style's text area), group box titles,
/// tab titles, table header sections and table items (the text and the
/// style's margins against the section or cell), the slots' own painting
/// (SlotWidget::cutTexts; what a slot leaves out for room must be in its
/// tooltip), and any of those reaching out of the window.
/// Each finding names the widget (object name, else class and nearest named
/// ancestor) and the text. Only what is visible now is looked at: switch
/// tabs and call it again for the other pages.
class TextFit
{
public:
    [[nodiscard]] static QStringList cuts(QWidget *window)
    {
        QStringList found;
        const QList<QWidget *> all = window->findChildren<QWidget *>();
        for (QWidget *w : all) {
            if (!w->isVisible() || w->width() <= 0)
                continue;
            check(window, w, found);
        }
        return found;
    }

private:
    static QString plain(const QString &text)
    {
        if (!Qt::mightBeRichText(text))
            return text;
        QTextDocument doc;
        doc.setHtml(text);
        return doc.toPlainText();
    }

    /// The widget's name for a finding.
    static QString nameOf(const QWidget *w)
    {
        QString name = w->objectName();
        if (!name.isEmpty() && !name.startsWith(QLatin1String("qt_")))
            return name;
        name = QString::fromLatin1(w->metaObject()->className());
        for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
            if (!p->objectName().isEmpty() && !p->objectName().startsWith(QLatin1String("qt_")))
                return name + QStringLiteral(" in ") + p->objectName();
        }
        return name;
    }

    /// The widest line of `text` in `fm`, without mnemonic ampersands.
    static int advance(const QFontMetrics &fm, QString text)
    {
        text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
        text.remove(QLatin1Char('&'));
        text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
        int widest = 0;
        for (const QString &line : text.split(QLatin1Char('\n')))
            widest = qMax(widest, fm.horizontalAdvance(line));
        return widest;
    }

    static void report(QStringList &found, const QWidget *w, const QString &text, int needed, int has)
    {
        found << QStringLiteral("%1 \"%2\" needs %3 px, has %4").arg(nameOf(w), text).arg(needed).arg(has);
    }

    /// How much of `w` its ancestors up to the window show (a scroll area's content counts whole).
    static int shownWidth(QWidget *window, QWidget *w)
    {
        QRect r = w->rect();
        QWidget *child = w;
        for (QWidget *p = w->parentWidget(); p && child != window; child = p, p = p->parentWidget()) {
            if (auto *area = qobject_cast<QAbstractScrollArea *>(p->parentWidget()); area && area->viewport() == p)
                return r.width();
            r = r.translated(child->pos()).intersected(p->rect());
            if (r.isEmpty())
                return 0;
        }
        return r.width();
    }

    static void checkTable(QTableWidget *table, QStringList &found)
    {
        const int margin = 2 * (table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1);
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int column = 0; column < table->columnCount(); ++column) {
                const QTableWidgetItem *item = table->item(row, column);
                if (!item || item->text().isEmpty() || table->isColumnHidden(column) || table->cellWidget(row, column))
                    continue;
                const QFontMetrics fm(item->font());
                const int needed
                    = advance(fm, item->text()) + margin + (item->icon().isNull() ? 0 : table->iconSize().width() + 4);
                const int has = table->visualItemRect(item).width();
                if (needed > has)
                    report(found, table, item->text(), needed, has);
            }
        }
    }

    static void checkHeader(QHeaderView *header, QStringList &found)
    {
        QAbstractItemModel *model = header->model();
        if (!model || header->orientation() != Qt::Horizontal)
            return;
        const int margin = 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header)
            + (header->isSortIndicatorShown() ? header->style()->pixelMetric(QStyle::PM_HeaderMarkSize) + 4 : 0);
        const QFontMetrics fm(header->font());
        for (int section = 0; section < header->count(); ++section) {
            if (header->isSectionHidden(section))
                continue;
            const QString text = model->headerData(section, Qt::Horizontal).toString();
            if (text.isEmpty())
                continue;
            const int needed = advance(fm, text) + margin;
            if (needed > header->sectionSize(section))
                report(found, header, text, needed, header->sectionSize(section));
            const int lines = int(text.count(QLatin1Char('\n'))) + 1;
            if (lines * fm.height() > header->height())
                report(found, header, text, lines * fm.height(), header->height());
        }
    }

    static void check(QWidget *window, QWidget *w, QStringList &found)
    {
        const QFontMetrics fm = w->fontMetrics();
        QStyle *style = w->style();
        QString text;
        int needed = 0;
        int has = 0;
        if (auto *slot = qobject_cast<gui::SlotWidget *>(w)) {
            (void)slot->grab(); // the slot knows what its painting cut
            for (const QString &cut : slot->cutTexts())
                found << QStringLiteral("%1 \"%2\" is cut").arg(nameOf(w), cut);
            // What a full slot shortens or leaves out for its failure's room stays reachable.
            const QStringList tip = slot->toolTip().split(QLatin1Char('\n'));
            for (const QString &dropped : slot->droppedTexts()) {
                if (!tip.contains(dropped))
                    found << QStringLiteral("%1 \"%2\" is left out and not in its tooltip").arg(nameOf(w), dropped);
            }
            return;
        }
        if (auto *label = qobject_cast<QLabel *>(w)) {
            text = plain(label->text());
            if (text.isEmpty())
                return;
            const QRect room
                = label->contentsRect().adjusted(label->margin(), label->margin(), -label->margin(), -label->margin());
            if (label->wordWrap()) {
                const int height = label->heightForWidth(label->width());
                if (height > label->height())
                    found << QStringLiteral("%1 \"%2\" needs %3 px high, has %4")
                                 .arg(nameOf(w), text)
                                 .arg(height)
                                 .arg(label->height());
                has = shownWidth(window, w);
                if (has < label->width())
                    report(found, w, text, label->width(), has);
                return;
            }
            needed = advance(fm, text) + qMax(0, label->indent());
            has = qMin(room.width(), shownWidth(window, w) - (label->width() - room.width()));
        } else if (auto *box = qobject_cast<QComboBox *>(w)) {
            if (box->isEditable() || box->currentText().isEmpty())
                return;
            QStyleOptionComboBox option;
            option.initFrom(box);
            option.editable = false;
            text = box->currentText();
            needed
                = advance(fm, text) + (box->itemIcon(box->currentIndex()).isNull() ? 0 : box->iconSize().width() + 4);
            has = style->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, box).width()
                - (box->width() - shownWidth(window, w));
        } else if (auto *spin = qobject_cast<QAbstractSpinBox *>(w)) {
            text = spin->text();
            QStyleOptionSpinBox option;
            option.initFrom(spin);
            option.buttonSymbols = spin->buttonSymbols();
            option.subControls = QStyle::SC_SpinBoxEditField | QStyle::SC_SpinBoxUp | QStyle::SC_SpinBoxDown;
            needed = advance(fm, text) + 4;
            has = style->subControlRect(QStyle::CC_SpinBox, &option, QStyle::SC_SpinBoxEditField, spin).width()
                - (spin->width() - shownWidth(window, w));
        } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
            // A line edit scrolls its own text; a hint it cannot show whole is cut.
            if (!edit->text().isEmpty() || qobject_cast<QAbstractSpinBox *>(edit->parentWidget())
                || qobject_cast<QComboBox *>(edit->parentWidget()))
                return;
            text = edit->placeholderText();
            needed = advance(fm, text) + 2 * 4;
            has = qMin(edit->contentsRect().width(), shownWidth(window, w)) - 2 * edit->textMargins().left();
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            text = button->text();
            if (text.isEmpty())
                return;
            const int icon = button->icon().isNull() ? 0 : button->iconSize().width() + 4;
            if (qobject_cast<QCheckBox *>(w) || qobject_cast<QRadioButton *>(w)) {
                needed = advance(fm, text) + style->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, w)
                    + style->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, nullptr, w) + icon;
            } else if (auto *tool = qobject_cast<QToolButton *>(w)) {
                if (tool->toolButtonStyle() == Qt::ToolButtonIconOnly
                    || (tool->toolButtonStyle() == Qt::ToolButtonFollowStyle && !tool->icon().isNull()))
                    return;
                needed = advance(fm, text) + 2 * style->pixelMetric(QStyle::PM_ButtonMargin, nullptr, w) / 2
                    + (tool->toolButtonStyle() == Qt::ToolButtonTextBesideIcon ? icon : 0);
            } else {
                // The style centres the text inside its frame: cut once it reaches the frame.
                needed = advance(fm, text) + style->pixelMetric(QStyle::PM_ButtonMargin, nullptr, w) + icon;
            }
            has = shownWidth(window, w);
        } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
            text = group->title();
            if (text.isEmpty())
                return;
            needed = advance(fm, text) + 16 + (group->isCheckable() ? 20 : 0);
            has = shownWidth(window, w);
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            const int space = style->pixelMetric(QStyle::PM_TabBarTabHSpace, nullptr, tabs);
            for (int i = 0; i < tabs->count(); ++i) {
                if (!tabs->isTabVisible(i))
                    continue;
                const int tabNeeds = advance(tabs->fontMetrics(), tabs->tabText(i)) + space;
                const QRect tab = tabs->tabRect(i);
                const int tabHas = tab.intersected(tabs->rect()).width();
                if (tabNeeds > tabHas)
                    report(found, tabs, tabs->tabText(i), tabNeeds, tabHas);
            }
            return;
        } else if (auto *header = qobject_cast<QHeaderView *>(w)) {
            checkHeader(header, found);
            return;
        } else if (auto *table = qobject_cast<QTableWidget *>(w)) {
            checkTable(table, found);
            return;
        } else {
            return;
        }
        if (needed > has)
            report(found, w, text, needed, has);
    }
};

} // namespace prov::test
