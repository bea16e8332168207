package dev.sluice.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Users from the users table, by email. Instance admins get {@code ROLE_INSTANCE_ADMIN}. */
@Service
class SluiceUserDetailsService implements UserDetailsService {

    private final AppUserRepository users;

    SluiceUserDetailsService(AppUserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        AppUser user = users.findByEmail(email).orElseThrow(() -> new UsernameNotFoundException("No such user"));
        List<SimpleGrantedAuthority> authorities = user.isInstanceAdmin()
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_INSTANCE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        return User.withUsername(user.getEmail()).password(user.getPasswordHash()).authorities(authorities).build();
    }
}
