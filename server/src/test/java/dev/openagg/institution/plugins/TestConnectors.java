package dev.openagg.institution.plugins;

import dev.openagg.connector.Answer;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.Connector;
import dev.openagg.connector.CredentialField;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.Step;
import java.util.List;

/** Connectors packed into plug-in jars by the plug-in tests; none is on the test class path's services list. */
public final class TestConnectors {
    private TestConnectors() {
    }

    static InstitutionInfo info(String code, String name) {
        return new InstitutionInfo(code, name, "https://bank.example", null,
                List.of(new CredentialField("CRD-00000000-0000-4000-8000-0000000000a1", "LOGIN", "Username", "TEXT", 1)),
                false, false, false, false, false);
    }

    /** A connector that fails every job; the tests only need its institution. */
    abstract static class Base implements Connector {
        @Override
        public Step start(JobContext context) {
            return new Step.Failed(ConnectionStatus.FAILED);
        }

        @Override
        public Step resume(JobContext context, List<Answer> answers) {
            return new Step.Failed(ConnectionStatus.FAILED);
        }
    }

    /** A code with capitals and a space: not a code OpenAgg accepts. */
    public static final class BadCode extends Base {
        @Override
        public InstitutionInfo institution() {
            return info("Bad Code", "Bad Code Bank");
        }
    }

    /** Claims the code "twin"; two jars of it claim one code. */
    public static final class Twin extends Base {
        @Override
        public InstitutionInfo institution() {
            return info("twin", "Twin Bank");
        }
    }

    /** Claims the built-in MX Bank's code. */
    public static final class Impostor extends Base {
        @Override
        public InstitutionInfo institution() {
            return info("mxbank", "Not MX Bank");
        }
    }

    /** Fails when asked for its institution. */
    public static final class Broken extends Base {
        @Override
        public InstitutionInfo institution() {
            throw new IllegalStateException("configuration missing");
        }
    }

    /** A valid plug-in institution. */
    public static final class Valid extends Base {
        @Override
        public InstitutionInfo institution() {
            return info("valid_plugin_bank", "Valid Plug-in Bank");
        }
    }
}
