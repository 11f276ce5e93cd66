package dev.llmops.guard;

import dev.llmops.api.guard.Finding;
import dev.llmops.api.guard.GuardResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PiiAndSecretsTest {

    private static List<String> found(DetectorGuard guard, String text) {
        GuardResult r = guard.warn().check(text);
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            out.add(f.type() + ":" + text.substring(f.start(), f.end()));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Card 4111 1111 1111 1111 on file|CREDIT_CARD:4111 1111 1111 1111",
            "Card 5500-0000-0000-0004.|CREDIT_CARD:5500-0000-0000-0004",
            "amex 378282246310005|CREDIT_CARD:378282246310005",
            "IBAN DE89 3704 0044 0532 0130 00 please|IBAN:DE89 3704 0044 0532 0130 00",
            "iban GB82WEST12345698765432|IBAN:GB82WEST12345698765432",
            "SSN 536-22-1234 on the form|US_SSN:536-22-1234",
            "from 192.168.10.4 at noon|IP_ADDRESS:192.168.10.4",
            "v6 2001:db8:85a3::8a2e:370:7334 host|IP_ADDRESS:2001:db8:85a3::8a2e:370:7334",
            "call +44 20 7946 0958 now|PHONE:+44 20 7946 0958",
            "call me at (415) 555-2671 tomorrow|PHONE:(415) 555-2671",
            "mail a.b-c+tag@sub.example.co.uk.|EMAIL:a.b-c+tag@sub.example.co.uk"})
    void should_find_pii_when_the_value_is_valid(String text, String expected) {
        assertThat(found(Guards.pii(), text)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Card 4111 1111 1111 1112 fails Luhn",
            "IBAN DE89 3704 0044 0532 0130 01 fails mod-97",
            "SSN 000-12-3456 has area 000", "SSN 666-12-3456 has area 666", "SSN 912-12-3456 has area 9xx",
            "SSN 123-00-4567 has group 00", "SSN 123-45-0000 has serial 0000",
            "Version 1.2.3.4.5 is not an IP", "999.1.1.1 is out of range", "std::vector<int> is C++",
            "the meeting is at 10:30:45", "user@localhost has no dot", "Order 2026-03-14 ships",
            // phone look-alikes: day-month-year dates, zero-padded ids, card-shaped and overlong digit
            // runs after a phone word, hex dumps, ids after non-English "number" words
            "Delivery expected 17-04-2027, thanks", "Ticket 00931244 was merged",
            "Telefon? Nein, Kartennummer falsch: 371449635398430", "Número de tarjeta: 6011 000990 13942",
            "bytes: 6f 6b 20 31 32 20 33 34 20 35 36 0a", "Rechnungsnummer 5521-0871-43 bitte angeben",
            "Nothing here at all."})
    void should_not_find_pii_when_the_value_is_invalid(String text) {
        assertThat(found(Guards.pii(), text)).isEmpty();
    }

    @Test
    void should_use_extra_recognizers_and_configured_regions() {
        PiiRecognizer employeeIds = text -> {
            List<PiiMatch> out = new ArrayList<>();
            com.google.re2j.Matcher m = com.google.re2j.Pattern.compile("\\bEMP-\\d{6}\\b").matcher(text);
            while (m.find()) {
                out.add(new PiiMatch("EMPLOYEE_ID", m.start(), m.end(), 0.9));
            }
            return out;
        };
        DetectorGuard pii = Guards.pii(PiiConfig.builder().recognizer(employeeIds).disable(PiiType.EMAIL).build())
                .redact();

        GuardResult r = pii.check("EMP-123456 wrote from a@example.com");

        assertThat(r.sanitizedText()).isEqualTo("<EMPLOYEE_ID_1> wrote from a@example.com");
        assertThatThrownBy(() -> PiiConfig.builder().phoneRegions("XX"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("phoneRegions contains an unknown region: XX");
        assertThatThrownBy(() -> new PiiMatch("bad type", 0, 1, 0.5))
                .hasMessage("type must be UPPER_SNAKE_CASE but was: 'bad type'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "aws_access_key_id = AKIAZ3MDRV5J6XQW7LPA|AWS_ACCESS_KEY:AKIAZ3MDRV5J6XQW7LPA",
            "aws_secret_access_key = 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|AWS_SECRET_KEY:kT9bQ2xV7mN4pL8sR1wY6zH3jF5gD0cA+eU/iOqB",
            "token ghp_8fJk2LmN4pQ7rS1tU3vW5xY9zA0bC6dE2gH4 here|GITHUB_TOKEN:ghp_8fJk2LmN4pQ7rS1tU3vW5xY9zA0bC6dE2gH4",
            "GITLAB=glpat-x7Yh2KqL9mN3pR5sT8vW|GITLAB_TOKEN:glpat-x7Yh2KqL9mN3pR5sT8vW",
            "slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx|SLACK_TOKEN:xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc|STRIPE_KEY:sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "key sk-proj-Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5|OPENAI_KEY:sk-proj-Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
            "key sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6Zz5Yy4|ANTHROPIC_KEY:sk-ant-api03-Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jh0Gf9Ed8Cb7Aa6Zz5Yy4",
            "maps AIzaSyD3f4G5h6J7k8L9m0N1p2Q3r4S5t6U7v8W here|GOOGLE_API_KEY:AIzaSyD3f4G5h6J7k8L9m0N1p2Q3r4S5t6U7v8W",
            "DB_PASSWORD=\"Xk9#mQ2$vL7@pR4w\"|GENERIC_SECRET:Xk9#mQ2$vL7@pR4w",
            "api_key: 8f3Kq9Lm2Np7Rs4Tv6Wx1Yz|GENERIC_SECRET:8f3Kq9Lm2Np7Rs4Tv6Wx1Yz"})
    void should_find_secrets_of_each_provider(String text, String expected) {
        assertThat(found(Guards.secrets(), text)).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
            "password = <your-password>", "api_key: ${API_KEY}", "token: xxxxxxxxxxxx", "secret = ********",
            "password=changeme123", "password = os.environ[\"DB_PASSWORD\"]", "password: aaaaaaaaaaaa",
            "The password reset link expires after 30 minutes.", "OPENAI_API_KEY=sk-...",
            "eyJhbGciOiJIUzI1NiJ9.notjwt.signature is not a JWT",
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"})
    void should_not_flag_placeholders_or_low_entropy_values(String text) {
        assertThat(found(Guards.secrets(), text)).isEmpty();
    }

    @Test
    void should_find_jwt_and_pem_private_key_blocks() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
                + "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----";

        assertThat(found(Guards.secrets(), "Bearer " + jwt)).containsExactly("JWT:" + jwt);
        assertThat(found(Guards.secrets(), "key:\n" + pem + "\nthanks")).containsExactly("PEM_PRIVATE_KEY:" + pem);
        assertThat(Guards.secrets().redact().check("Bearer " + jwt).sanitizedText()).isEqualTo("Bearer <JWT_1>");
    }
}
