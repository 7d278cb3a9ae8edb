// Test-only CreateAuthChallenge for the "Custom Auth Flow with SRP" pool: the CAPTCHA guide's
// handler issues its challenge only when the session is empty, which it never is after SRP
// (it holds SRP_A and PASSWORD_VERIFIER) — real Cognito would then check the answer against
// nothing. This one issues the same challenge (answer "5") whenever it is asked.
export const handler = async (event) => {
    event.response.publicChallengeParameters = { captchaUrl: "url/123.jpg" };
    event.response.privateChallengeParameters = { answer: "5" };
    event.response.challengeMetadata = "CAPTCHA_CHALLENGE";
    return event;
};
