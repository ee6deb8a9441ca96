// Keeps the Simplified Chinese catalogue (translations/ferry_zh_CN.ts) complete:
// every message translated, placeholders and keyboard accelerators kept, the
// catalogue in step with the tr() calls of app/, core/, server/, rpc/ and ui/ (lupdate
// runs on them into a temporary file), the compiled .qm answering every message,
// and the real `ferry` speaking Chinese under a zh_CN locale.
// docs/translations.md says how to fix each failure.
#include "tests/support/FerryCommand.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kProcessTimeoutMs = 120000;
constexpr qsizetype kMaxListed = 25; // failures listed in one message; the rest are counted
constexpr auto kHowToFix =
    "\nHow to fix (docs/translations.md): bring the catalogue up to date with\n"
    "  cmake --build <build dir> --target update_translations\n"
    "then translate every message it marks unfinished, or correct the translation named above,\n"
    "in translations/ferry_zh_CN.ts.";
// The layers whose tr() calls go into the catalogue: the glob of app/CMakeLists.txt.
const QStringList kSourceDirs = {u"app"_s, u"core"_s, u"server"_s, u"rpc"_s, u"ui"_s};

struct TsMessage {
    QString context;
    QString source;
    QString comment;      // disambiguation, part of the key
    bool numerus = false;
    QString type;         // translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QString translation;  // plain messages
    QStringList forms;    // numerus messages

    QString key() const
    {
        return context + u'\x1f' + source + u'\x1f' + comment + (numerus ? u"\x1fN"_s : QString());
    }
    QString describe() const
    {
        QString text = context + u": \""_s + source + u'"';
        if (!comment.isEmpty())
            text += u" ("_s + comment + u')';
        return text;
    }
};

struct TsFile {
    QString language;
    QList<TsMessage> messages;
    QString error; // empty when the file was read
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = u"cannot open %1: %2"_s.arg(path, file.errorString());
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == "TS"_L1) {
                ts.language = xml.attributes().value("language"_L1).toString();
            } else if (name == "name"_L1) {
                context = xml.readElementText();
            } else if (name == "message"_L1) {
                message = TsMessage();
                message.context = context;
                message.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
            } else if (name == "source"_L1) {
                message.source = xml.readElementText();
            } else if (name == "comment"_L1) {
                message.comment = xml.readElementText();
            } else if (name == "translation"_L1) {
                message.type = xml.attributes().value("type"_L1).toString();
                if (!message.numerus)
                    message.translation = xml.readElementText();
            } else if (name == "numerusform"_L1) {
                message.forms.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == "message"_L1) {
            ts.messages.append(message);
        }
    }
    if (xml.hasError())
        ts.error = u"%1 is not valid XML: %2 at line %3"_s.arg(path, xml.errorString()).arg(xml.lineNumber());
    return ts;
}

// Placeholders QString::arg and tr(…, n) fill in: %1…%99, %L1, %n, %Ln.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?(?:\\d{1,2}|n)"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    std::sort(found.begin(), found.end());
    return found;
}

// Keyboard accelerators: '&' before a letter or digit; "&&" is a literal ampersand.
int mnemonicCount(const QString &text)
{
    int count = 0;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (text.at(i + 1).isLetterOrNumber())
            ++count;
    }
    return count;
}

bool hasHanCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.script() == QChar::Script_Han; });
}

QString listed(const QStringList &lines)
{
    QString text = lines.mid(0, kMaxListed).join(u"\n  "_s);
    if (lines.size() > kMaxListed)
        text += u"\n  … and %1 more"_s.arg(lines.size() - kMaxListed);
    return u"  "_s + text;
}

struct ProcessResult {
    bool finished = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

ProcessResult run(const QString &program, const QStringList &arguments,
                  const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    ProcessResult result;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return result;
    process.closeWriteChannel();
    result.finished = process.waitForFinished(kProcessTimeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// What a user in a Chinese locale has; LC_ALL and LC_MESSAGES would override LANG.
// `configHome`: Ferry's settings (the window's language) are read from there, not the user's.
QProcessEnvironment localeEnvironment(const QString &configHome, const QString &lang = u"zh_CN.UTF-8"_s,
                                      const QString &language = u"zh_CN"_s)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"LC_ALL"_s);
    environment.remove(u"LC_MESSAGES"_s);
    environment.insert(u"LANG"_s, lang);
    environment.insert(u"LANGUAGE"_s, language);
    environment.insert(u"XDG_CONFIG_HOME"_s, configHome);
    return environment;
}

// The window's Settings → Language as ferry finds it in $XDG_CONFIG_HOME/Ferry/ferry.conf.
bool storeLanguage(const QString &configHome, const QString &language)
{
    if (!QDir().mkpath(configHome + u"/Ferry"_s))
        return false;
    QFile file(configHome + u"/Ferry/ferry.conf"_s);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write("[General]\nlanguage=" + language.toLatin1() + '\n') > 0;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void commandLineFollowsTheWindowsLanguage();
    void message_data();
    void message();
    void catalogueMatchesSources();
    void compiledCatalogueAnswersEveryMessage();
    void englishPluralsAreComplete();
    void englishPluralsAreCompiled_data();
    void englishPluralsAreCompiled();
    void ferrySpeaksChinese_data();
    void ferrySpeaksChinese();

private:
    const TsMessage *find(QLatin1StringView context, QLatin1StringView source) const;

    QString m_tsPath = QStringLiteral(FERRY_SOURCE_DIR "/translations/ferry_zh_CN.ts");
    TsFile m_ts;
};

const TsMessage *TestTranslations::find(QLatin1StringView context, QLatin1StringView source) const
{
    const auto it = std::find_if(m_ts.messages.cbegin(), m_ts.messages.cend(), [&](const TsMessage &m) {
        return m.context == context && m.source == source;
    });
    return it == m_ts.messages.cend() ? nullptr : &*it;
}

void TestTranslations::initTestCase()
{
    m_ts = readTs(m_tsPath);
    QVERIFY2(m_ts.error.isEmpty(), qPrintable(m_ts.error));
    QCOMPARE(m_ts.language, u"zh_CN"_s);
    QVERIFY2(!m_ts.messages.isEmpty(),
             qPrintable(u"%1 holds no messages; it was never updated from the sources.%2"_s.arg(
                 m_tsPath, QLatin1StringView(kHowToFix))));
}

// One row per message of the catalogue, so a failure names the message.
void TestTranslations::message_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < m_ts.messages.size(); ++i) {
        const TsMessage &m = m_ts.messages.at(i);
        QTest::addRow("%s: %s", qPrintable(m.context), qPrintable(m.source.simplified().left(60))) << int(i);
    }
}

void TestTranslations::message()
{
    QFETCH(int, index);
    const TsMessage &m = m_ts.messages.at(index);

    QStringList problems;
    if (m.type == u"vanished" || m.type == u"obsolete")
        problems.append(u"is no longer in the sources; update the catalogue (lupdate -no-obsolete drops it)"_s);
    else if (!m.type.isEmpty())
        problems.append(u"is marked %1: translate it and remove type=\"%1\""_s.arg(m.type));
    // Chinese has a single plural form (Qt's numerus rules for zh).
    if (m.numerus && m.forms.size() != 1)
        problems.append(u"needs exactly one <numerusform> (Chinese has one plural form), has %1"_s.arg(m.forms.size()));
    const QStringList translations = m.numerus ? m.forms : QStringList{m.translation};
    for (const QString &translation : translations) {
        if (translation.trimmed().isEmpty()) {
            problems.append(u"has an empty translation"_s);
            continue;
        }
        if (placeholders(translation) != placeholders(m.source)) {
            problems.append(u"placeholders differ: source has [%1], translation \"%2\" has [%3]"_s.arg(
                placeholders(m.source).join(u", "_s), translation, placeholders(translation).join(u", "_s)));
        }
        if (mnemonicCount(translation) != mnemonicCount(m.source)) {
            problems.append(
                u"keyboard accelerators differ: source has %1, translation \"%2\" has %3 (write them as 文件(&F))"_s
                    .arg(mnemonicCount(m.source))
                    .arg(translation)
                    .arg(mnemonicCount(translation)));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(u"%1\n%2%3"_s.arg(m.describe(), listed(problems),
                                                               QLatin1StringView(kHowToFix))));
}

// lupdate over the same sources as the build's update_translations target; the
// catalogue must hold exactly the messages it finds.
void TestTranslations::catalogueMatchesSources()
{
    const QString lupdate = QStringLiteral(FERRY_LUPDATE);
    QVERIFY2(QFileInfo(lupdate).isExecutable(),
             qPrintable(u"lupdate not found at %1: install qt6-l10n-tools (scripts/test does)"_s.arg(lupdate)));

    QStringList sources;
    for (const QString &dir : kSourceDirs) {
        QDirIterator it(QStringLiteral(FERRY_SOURCE_DIR) + u'/' + dir, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            sources.append(it.next());
    }
    QVERIFY2(!sources.isEmpty(), "no sources found under app/, core/, server/, rpc/, ui/");
    sources.sort();

    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString fresh = temp.filePath(u"ferry_zh_CN.ts"_s);
    // The include root lets lupdate see the namespaces of the headers, as the
    // CMake project file does; without it the contexts lose their "ferry::".
    const QStringList arguments = QStringList{u"-silent"_s, u"-no-obsolete"_s, u"-locations"_s, u"none"_s,
                                              u"-I"_s, QStringLiteral(FERRY_SOURCE_DIR)}
        + sources + QStringList{u"-ts"_s, fresh};
    const ProcessResult result = run(lupdate, arguments);
    QVERIFY2(result.finished && result.exitCode == 0,
             qPrintable(u"lupdate failed (exit %1):\n%2"_s.arg(result.exitCode).arg(
                 QString::fromUtf8(result.out + result.err))));

    const TsFile current = readTs(fresh);
    QVERIFY2(current.error.isEmpty(), qPrintable(current.error));

    QSet<QString> committedKeys;
    for (const TsMessage &m : m_ts.messages) {
        if (m.type != u"vanished" && m.type != u"obsolete")
            committedKeys.insert(m.key());
    }
    QSet<QString> currentKeys;
    QStringList missing;
    for (const TsMessage &m : current.messages) {
        currentKeys.insert(m.key());
        if (!committedKeys.contains(m.key()))
            missing.append(m.describe() + (m.numerus ? u" [plural]"_s : QString()));
    }
    QStringList stale;
    for (const TsMessage &m : m_ts.messages) {
        if (!currentKeys.contains(m.key()))
            stale.append(m.describe() + (m.numerus ? u" [plural]"_s : QString()));
    }

    QString report;
    if (!missing.isEmpty())
        report += u"%1 message(s) in the sources are missing from translations/ferry_zh_CN.ts:\n%2\n"_s.arg(
            missing.size()).arg(listed(missing));
    if (!stale.isEmpty())
        report += u"%1 message(s) in translations/ferry_zh_CN.ts are no longer in the sources:\n%2\n"_s.arg(
            stale.size()).arg(listed(stale));
    QVERIFY2(report.isEmpty(), qPrintable(u"The catalogue is out of date with the sources.\n"_s + report
                                          + QLatin1StringView(kHowToFix)));
}

// translations/ferry_en.ts holds the plural messages only (lupdate
// -pluralonly), each with the English singular and plural, so English never
// shows "1 download(s)". Its messages are exactly the plural ones of the
// catalogue above, which itself matches the sources.
void TestTranslations::englishPluralsAreComplete()
{
    const QString path = QStringLiteral(FERRY_SOURCE_DIR "/translations/ferry_en.ts");
    const TsFile en = readTs(path);
    QVERIFY2(en.error.isEmpty(), qPrintable(en.error));
    QCOMPARE(en.language, u"en"_s);
    QSet<QString> wanted;
    for (const TsMessage &m : std::as_const(m_ts.messages))
        if (m.numerus)
            wanted.insert(m.key());
    QStringList problems;
    QSet<QString> have;
    for (const TsMessage &m : en.messages) {
        have.insert(m.key());
        if (!m.numerus) {
            problems.append(m.describe() + u": not a plural message (the English catalogue holds plurals only)"_s);
            continue;
        }
        if (!wanted.contains(m.key()))
            problems.append(m.describe() + u": no longer in the sources"_s);
        if (!m.type.isEmpty())
            problems.append(m.describe() + u": marked %1"_s.arg(m.type));
        if (m.forms.size() != 2)
            problems.append(m.describe() + u": needs the singular and the plural, has %1 form(s)"_s.arg(m.forms.size()));
        for (const QString &form : m.forms) {
            if (form.trimmed().isEmpty() || form.contains(u"(s)"_s))
                problems.append(m.describe() + u": form \"%1\" is empty or still says (s)"_s.arg(form));
            if (placeholders(form) != placeholders(m.source))
                problems.append(m.describe() + u": form \"%1\" changes the placeholders"_s.arg(form));
        }
    }
    for (const QString &key : std::as_const(wanted))
        if (!have.contains(key))
            problems.append(u"missing: "_s + QString(key).replace(u'\x1f', u" | "_s));
    QVERIFY2(problems.isEmpty(),
             qPrintable(u"translations/ferry_en.ts:\n"_s + listed(problems)
                        + u"\nHow to fix: cmake --build <build dir> --target update_translations, then write "
                          "both English forms of each new plural message (docs/translations.md)."_s));
}

void TestTranslations::englishPluralsAreCompiled_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");
    QTest::addRow("one") << 1 << u"Added 1 download."_s;
    QTest::addRow("four") << 4 << u"Added 4 downloads."_s;
    QTest::addRow("none") << 0 << u"Added 0 downloads."_s;
}

void TestTranslations::englishPluralsAreCompiled()
{
    QFETCH(int, n);
    QFETCH(QString, expected);
    QTranslator translator;
    QVERIFY2(translator.load(u":/i18n/ferry_en.qm"_s), "lrelease output :/i18n/ferry_en.qm did not load");
    QString text = translator.translate("ferry::UrlIntake", "Added %n download(s).", nullptr, n);
    text.replace(u"%n"_s, QString::number(n));
    QCOMPARE(text, expected);
}

// The .qm lrelease made from the catalogue (compiled into this test under
// :/i18n, as into ferry) answers every message with the catalogue's translation.
void TestTranslations::compiledCatalogueAnswersEveryMessage()
{
    QTranslator translator;
    QVERIFY2(translator.load(u":/i18n/ferry_zh_CN.qm"_s), "lrelease output :/i18n/ferry_zh_CN.qm did not load");
    QCOMPARE(translator.language(), u"zh_CN"_s);

    QStringList wrong;
    for (const TsMessage &m : std::as_const(m_ts.messages)) {
        const QString expected = m.numerus ? m.forms.value(0) : m.translation;
        const QByteArray context = m.context.toUtf8();
        const QByteArray source = m.source.toUtf8();
        const QByteArray comment = m.comment.toUtf8();
        const QString got = translator.translate(context.constData(), source.constData(),
                                                 m.comment.isEmpty() ? nullptr : comment.constData(),
                                                 m.numerus ? 3 : -1);
        if (got != expected)
            wrong.append(u"%1 → \"%2\", expected \"%3\""_s.arg(m.describe(), got, expected));
    }
    QVERIFY2(wrong.isEmpty(), qPrintable(u"The compiled catalogue answers differently:\n"_s + listed(wrong)));

    // A few strings every user sees, in Chinese script (not left in English).
    const std::pair<const char *, const char *> seen[] = {
        {"DownloadState", "Paused"},
        {"DownloadState", "Completed"},
        {"WindowActions", "&Pause"},
        {"GetCommand", "no URL given"},
    };
    for (const auto &[context, source] : seen) {
        const QString got = translator.translate(context, source);
        QVERIFY2(hasHanCharacter(got), qPrintable(u"%1: \"%2\" translates to \"%3\", not Chinese"_s.arg(
                                           QLatin1StringView(context), QLatin1StringView(source), got)));
    }
}

// The real executable, as a user in a Chinese locale runs it: core/Translations.cpp
// finds the catalogue compiled into ferry under :/i18n.
void TestTranslations::ferrySpeaksChinese_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("onStdout");

    QTest::addRow("ferry --help") << QStringList{u"--help"_s} << u"main"_s << QString() << true;
    QTest::addRow("ferry get without a URL") << QStringList{u"get"_s} << u"GetCommand"_s << u"no URL given"_s
                                             << false;
    QTest::addRow("ferry get -x 99") << QStringList{u"get"_s, u"-x"_s, u"99"_s, u"http://127.0.0.1:9/"_s}
                                     << u"GetCommand"_s << u"-x needs a number from 1 to 16"_s << false;
}

void TestTranslations::ferrySpeaksChinese()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(bool, onStdout);

    const TsMessage *message = nullptr;
    if (source.isEmpty()) {
        // The usage text: the one message of its context that starts with "Usage:".
        for (const TsMessage &m : std::as_const(m_ts.messages)) {
            if (m.context == context && m.source.startsWith(u"Usage:"))
                message = &m;
        }
    } else {
        const QByteArray c = context.toLatin1();
        const QByteArray s = source.toLatin1();
        message = find(QLatin1StringView(c), QLatin1StringView(s));
    }
    QVERIFY2(message, qPrintable(u"the catalogue has no message %1: \"%2\"%3"_s.arg(
                          context, source, QLatin1StringView(kHowToFix))));
    QVERIFY(hasHanCharacter(message->translation));

    const QTemporaryDir config; // no language chosen in a window: LANG decides
    QVERIFY(config.isValid());
    const ProcessResult result = run(ferry::test::ferryBinary(), arguments, localeEnvironment(config.path()));
    QVERIFY2(result.finished, "ferry did not finish");
    const QString output = QString::fromUtf8(onStdout ? result.out : result.err);
    QVERIFY2(output.contains(message->translation),
             qPrintable(u"ferry %1 under LANG=zh_CN.UTF-8 printed:\n%2\nexpected it to contain:\n%3"_s.arg(
                 arguments.join(u' '), output, message->translation)));
}

// A language chosen in the window's Settings is the command line's too; LANG
// decides only while none is chosen (docs/translations.md).
void TestTranslations::commandLineFollowsTheWindowsLanguage()
{
    const QTemporaryDir config;
    QVERIFY(config.isValid());
    QVERIFY(storeLanguage(config.path(), u"en"_s));
    ProcessResult result = run(ferry::test::ferryBinary(), {u"--help"_s}, localeEnvironment(config.path()));
    QVERIFY2(result.finished, "ferry did not finish");
    QString output = QString::fromUtf8(result.out);
    QVERIFY2(output.startsWith(u"Usage:"_s) && !hasHanCharacter(output),
             qPrintable(u"with English chosen, under LANG=zh_CN.UTF-8, ferry --help printed:\n"_s + output));

    QVERIFY(storeLanguage(config.path(), u"zh_CN"_s));
    result = run(ferry::test::ferryBinary(), {u"--help"_s}, localeEnvironment(config.path(), u"C.UTF-8"_s, u""_s));
    QVERIFY2(result.finished, "ferry did not finish");
    output = QString::fromUtf8(result.out);
    QVERIFY2(hasHanCharacter(output), qPrintable(u"with 简体中文 chosen, under LANG=C.UTF-8, ferry --help printed:\n"_s + output));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
