package dev.sluice.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.ui.SpringMockVaadin;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@SluiceIntegrationTest
class LoginViewTest {

    @Autowired
    ApplicationContext context;

    @AfterEach
    void tearDown() {
        SpringMockVaadin.tearDown();
    }

    @Test
    void theFormPostsEmailAndPasswordToSpringSecurity() {
        SpringMockVaadin.anonymous(context);
        UI.getCurrent().navigate("login");

        LoginForm form = _get(LoginForm.class);
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(form.isError()).isFalse();
    }

    @Test
    void aFailedSignInComesBackWithTheErrorShown() {
        SpringMockVaadin.anonymous(context);
        UI.getCurrent().navigate("login", QueryParameters.simple(Map.of("error", "")));

        assertThat(_get(LoginForm.class).isError()).isTrue();
    }

    @Test
    void aSignedInUserIsSentOnToTheExports() {
        SpringMockVaadin.signedInAs(context, "admin@sluice.test");
        UI.getCurrent().navigate("login");

        assertThat(_find(LoginForm.class)).isEmpty();
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEmpty();
    }
}
