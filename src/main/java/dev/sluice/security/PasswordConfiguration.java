package dev.sluice.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** Email and password against the users table, throttled; the UI's form login and the API's Basic auth both use it. */
    @Bean
    ThrottledAuthenticationProvider passwordAuthentication(SluiceUserDetailsService users, PasswordEncoder passwords,
                                                           LoginThrottle throttle) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        return new ThrottledAuthenticationProvider(provider, throttle);
    }
}
