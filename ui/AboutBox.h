// Help → About Ferry: what Ferry is, its version, the Qt it runs on, and
// where its documents are. Opens without blocking the window.
#pragma once

#include <QCoreApplication>

class QWidget;

namespace ferry {

class AboutBox final
{
    Q_DECLARE_TR_FUNCTIONS(AboutBox)

public:
    AboutBox() = delete;
    static void open(QWidget *parent);
    static QString text(); // the box's text, for the window and its test
};

} // namespace ferry
